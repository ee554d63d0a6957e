"""Operations, the only writers: authorise, store and audit."""

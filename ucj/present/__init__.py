"""Presentation: view models, charts, the meeting's deck and exports; no Streamlit, no storage writes."""

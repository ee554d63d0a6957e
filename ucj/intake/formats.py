"""The upload formats, declared once: for each kind of file (the wide and long snapshot templates,
targets, the Monev Jakon project list) its columns, the spellings accepted for each, the parser of
its cells, which are required, what a missing cell should hold and the template's example rows.

From a declaration come its reader (``ucj.intake.rows``: the header found once, each cell parsed by
its column's parser, a problem per row and column), its blank template (``ucj.intake.templates``) and
the README's column table (``tests/test_template_docs.py`` writes it and fails when it is stale). A
new kind of upload is one declaration here plus its own rules across rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.jakon import FUNDING
from ..core.schema import SECTOR_NAMES, SECTOR_OTHER_SPELLINGS, SECTORS

#: The parsers a column may declare (``ucj.intake.rows`` holds them): free text, a count of people,
#: rupiah, a day, a year, a percentage, a month, a sector, a funding source, a region (code or name),
#: a funder (the Kemendagri code or name of the government whose budget pays: "Pemkot Jambi", "15.71").
PARSERS = ("text", "count", "money", "date", "year", "pct", "period", "sector", "funding", "region", "funder")


@dataclass(frozen=True)
class Column:
    """One column of a format. ``name`` is the column of the rows read (the English header);
    ``header`` the template's (Indonesian) header; ``aliases`` the other spellings a header may use,
    normalised (lower case, words joined by "_"). A blank cell of a ``required`` column is an error
    asking for ``example``; ``doc`` says in the README what the column holds."""

    name: str
    header: str
    parse: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    example: str = ""
    doc: str = ""
    #: A text cell is cut to this many characters (a register number is short; a name may be long);
    #: None: not cut (a target's source is the document's full title).
    max_chars: int | None = 200

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every accepted header, normalised: the name, the template's header, the aliases."""
        return tuple(dict.fromkeys((self.name.lower(), self.header.lower(), *self.aliases)))

    @property
    def spelled(self) -> str:
        """How a report names the column: its Indonesian header and the English one
        ("jumlah_pekerja / workforce"); a sector is its code ("PMI")."""
        return self.header if self.header.lower() == self.name.lower() else f"{self.header} / {self.name}"


@dataclass(frozen=True)
class Format:
    """One kind of upload. Its header row is the first (of the first 30) that names a region column
    and the ``anchors``, and at least ``min_columns`` of its columns; a report names a column as the
    file writes it (``labels`` "header"), by ``Column.spelled`` ("spelled") or by its name ("name").
    ``template`` lists the columns of the blank template, ``examples`` its rows."""

    name: str
    columns: tuple[Column, ...]
    template: tuple[str, ...]
    examples: tuple[tuple[str, ...], ...]
    labels: str = "header"
    anchors: tuple[str, ...] = ()
    min_columns: int = 2
    #: False for a format whose rows have no region columns (a programme's yearly budget).
    regional: bool = True

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def lookup(self) -> dict[str, str]:
        """Normalised header → column name (the first column declaring a spelling keeps it)."""
        out: dict[str, str] = {}
        for c in self.columns:
            for s in c.spellings:
                out.setdefault(s, c.name)
        return out

    @property
    def expected(self) -> str:
        """The columns a file without a header should have, for the report: its template's."""
        return ", ".join(self.template)

    @property
    def header_row(self) -> list[str]:
        """The blank template's header."""
        return [self.column(n).header for n in self.template]


REGION_CODE = Column(
    "region_code",
    "kode_wilayah",
    "region",
    aliases=("kode", "kode_wil", "kode_kemendagri"),
    doc="Kemendagri code, `61.03` or `6103`",
)
REGION_NAME = Column(
    "region_name",
    "nama_wilayah",
    "region",
    aliases=("wilayah", "nama", "kabupaten_kota", "kab_kota"),
    doc="`KAB. SANGGAU`, `Kabupaten Sanggau`, `Sanggau`; with or instead of the code (both: they must agree)",
)
PERIOD = Column(
    "period",
    "periode",
    "period",
    True,  # in each row, or for the whole file from a title row or the caller
    aliases=("bulan", "month"),
    example="2025-07",
    doc="`2025-07`, `07/2025`, `Juli 2025`, `Jul 2025` or a date in that month; optional if given at upload",
)
#: Counts are required unless said otherwise; a missing one asks for a count in either form.
COUNT_EXAMPLE = "0, 12.320, 12320"
_WF_WORDS = ("workforce", "pekerja", "jumlah_pekerja", "tenaga_kerja")


def _sector_spellings(code: str) -> tuple[str, ...]:
    return (code.lower(), SECTOR_NAMES[code].lower().replace(" ", "_"), *SECTOR_OTHER_SPELLINGS.get(code, ()))


#: Sector code → accepted spellings, in cells (long) and headers (wide).
SECTOR_ALIASES: dict[str, tuple[str, ...]] = {s: _sector_spellings(s) for s in SECTORS}
#: What a report says is a valid sector.
SECTOR_VALID = f"{', '.join(SECTORS)} ({', '.join(SECTOR_NAMES.values())})"
#: Wide template: a sector's own denominator (e.g. all construction workers), one column per sector.
SECTOR_WORKFORCE = {s: f"workforce_{s}" for s in SECTORS}

WIDE = Format(
    "wide",
    (
        PERIOD,
        REGION_CODE,
        REGION_NAME,
        Column(
            "workforce",
            "jumlah_pekerja",
            "count",
            True,
            ("tenaga_kerja",),
            COUNT_EXAMPLE,
            "the region's working population (BPS Sakernas)",
        ),
        *(
            Column(s, s, "count", True, SECTOR_ALIASES[s][1:], COUNT_EXAMPLE, f"active participants: {SECTOR_NAMES[s]}")
            for s in SECTORS
        ),
        *(
            Column(
                SECTOR_WORKFORCE[s],
                f"jumlah_pekerja_{s.lower()}",
                "count",
                aliases=tuple(f"{w}_{a}" for w in _WF_WORDS for a in SECTOR_ALIASES[s]),
                doc="the sector's own denominator (e.g. all construction workers); a blank cell keeps the month's "
                "stored one",
            )
            for s in SECTORS
        ),
    ),
    ("period", "region_code", "region_name", "workforce", *SECTORS, SECTOR_WORKFORCE["JAKON"]),
    (
        ("Juli 2025", "61.03", "Kabupaten Sanggau", "220.618", "40.123", "20.456", "4.519", "1.200", "12.320"),
        ("Juli 2025", "15.71", "Kota Jambi", "289.714", "90.000", "45.000", "4.349", "1.000", ""),
    ),
)
LONG = Format(
    "long",
    (
        PERIOD,
        REGION_CODE,
        REGION_NAME,
        Column(
            "sector",
            "sektor",
            "sector",
            True,
            ("segmen",),
            SECTOR_VALID,
            f"{', '.join(f'`{s}`' for s in SECTORS)} or the names in words",
        ),
        Column(
            "participants",
            "peserta_aktif",
            "count",
            True,
            ("peserta", "jumlah_peserta"),
            COUNT_EXAMPLE,
            "active participants",
        ),
        Column(
            "workforce",
            "jumlah_pekerja",
            "count",
            aliases=("tenaga_kerja",),
            doc="the sector's own denominator (e.g. all construction workers)",
        ),
        Column(
            "region_workforce",
            "penduduk_bekerja",
            "count",
            aliases=("jumlah_pekerja_wilayah",),
            doc="the region's working population",
        ),
    ),
    ("period", "region_code", "region_name", "sector", "participants", "workforce", "region_workforce"),
    (
        ("Juli 2025", "61.03", "Kabupaten Sanggau", "JAKON", "4.519", "12.320", "220.618"),
        ("Juli 2025", "61.03", "Kabupaten Sanggau", "PU", "40.123", "", "220.618"),
    ),
)
#: A snapshot file's header is searched with the spellings of both templates; which one it is follows.
SNAPSHOT = (WIDE, LONG)

TARGETS = Format(
    "targets",
    (
        REGION_CODE,
        REGION_NAME,
        Column(
            "year", "tahun", "year", True, example="2025", doc="the year the target is for (its deadline: December)"
        ),
        Column(
            "target_pct",
            "target",
            "pct",
            True,
            ("target_persen", "target_ucj", "persen_target"),
            "58,65",
            "the target in percent: `58,65`, `58.65` or `58.65%`",
        ),
        Column(
            "source", "sumber", "text", aliases=("dasar", "dokumen"), doc="the document it comes from", max_chars=None
        ),
    ),
    ("region_code", "year", "target_pct", "source"),
    (
        ("15.71", "2025", "55", "MoU Pemkot Jambi – BPJS Ketenagakerjaan"),
        ("61.03", "2025", "58,65", "Target UCJ Kabupaten Sanggau"),
    ),
    labels="name",
    anchors=("target_pct",),
)

_DATE_DOC = "`2025-03-01`, `01/03/2025` or `1 Maret 2025`"
PROJECTS = Format(
    "projects",
    (
        Column(
            "project",
            "nama_proyek",
            "text",
            True,
            ("nama_paket", "paket", "proyek", "pekerjaan", "project_name"),
            "Rehabilitasi Jalan Lingkar Barat",
            "the project (package) name",
        ),
        Column(
            "opd",
            "opd",
            "text",
            True,
            ("satker", "dinas", "skpd", "perangkat_daerah"),
            "Dinas PUPR",
            "the OPD that owns it (Dinas PUPR, BPKAD, …)",
        ),
        Column("ppk", "ppk", "text", aliases=("pejabat_pembuat_komitmen",), doc="the PPK"),
        Column(
            "funding",
            "sumber_dana",
            "funding",
            True,
            ("funding_source", "sumber_anggaran"),
            ", ".join(FUNDING),
            "`APBD`, `APBN` or `swasta` (private)",
        ),
        Column(
            "contract_value",
            "nilai_kontrak",
            "money",
            True,
            ("nilai", "nilai_kontrak_rp", "nilai_kontrak_rupiah"),
            "1.250.000.000",
            "rupiah: `1.250.000.000`, `Rp 1.250.000.000,00`, `1,25 M`, `850 juta`",
        ),
        Column(
            "start_date",
            "tanggal_mulai",
            "date",
            True,
            ("mulai", "tgl_mulai", "tanggal_spmk"),
            "2025-03-01",
            f"the day work starts: {_DATE_DOC}",
        ),
        Column(
            "end_date",
            "tanggal_selesai",
            "date",
            True,
            ("selesai", "tgl_selesai"),
            "2025-10-31",
            f"the day work ends: {_DATE_DOC}",
        ),
        Column(
            "workers",
            "jumlah_pekerja",
            "count",
            True,
            ("tenaga_kerja", "pekerja"),
            "45",
            "workers on the project",
        ),
        replace(REGION_CODE, doc="where the work is: its Kemendagri code, as in snapshots"),
        replace(
            REGION_NAME,
            aliases=(*REGION_NAME.aliases, "lokasi"),
            doc="where the work is by name, with or instead of the code (both: they must agree)",
        ),
        Column(
            "registration_no",
            "no_registrasi_bpjs",
            "text",
            aliases=("nomor_registrasi", "no_registrasi", "nomor_pendaftaran_bpjs", "no_pendaftaran"),
            doc="empty when the project has not registered its workers",
            max_chars=64,
        ),
        Column(
            "registration_date",
            "tanggal_registrasi",
            "date",
            aliases=("tgl_registrasi", "tanggal_pendaftaran"),
            doc="the registration's date (needed with a number)",
        ),
    ),
    (
        "project",
        "opd",
        "ppk",
        "funding",
        "contract_value",
        "start_date",
        "end_date",
        "workers",
        "region_code",
        "registration_no",
        "registration_date",
    ),  # fmt: skip
    (
        (
            "Rehabilitasi Jalan Lingkar Barat (contoh)",
            "Dinas PUPR",
            "Nama PPK",
            "APBD",
            "1.250.000.000",
            "01/03/2025",
            "31/10/2025",
            "45",
            "15.71",
            "JK-2025-0001",
            "20/02/2025",
        ),
        (
            "Gedung Pasar (contoh)",
            "Dinas PUPR",
            "Nama PPK",
            "APBD",
            "850.000.000",
            "15/04/2025",
            "15/12/2025",
            "30",
            "15.71",
            "",
            "",
        ),
    ),  # fmt: skip
    labels="spelled",
    anchors=("project",),
)

PROGRAM = Column(
    "program",
    "program",
    "text",
    True,
    ("programme", "nama_program", "program_pemda", "kegiatan"),
    "Perlindungan Pekerja Rentan",
    "the programme's name, as the funder calls it",
)
FUNDER = Column(
    "funder_code",
    "pemberi_dana",
    "funder",
    True,
    ("funder", "penyandang_dana", "pemda", "pembayar_iuran", "kode_pemberi_dana"),
    "15.71, Pemkot Jambi, Provinsi Jambi",
    "whose budget pays: the Kemendagri code or name of the province (Pemprov), kabupaten/kota (Pemkab/Pemkot) "
    "or desa (APBDes)",
)
BENEFICIARIES = Format(
    "beneficiaries",
    (
        replace(PERIOD, doc="the month: `2025-07`, `07/2025`, `Juli 2025`, `Jul 2025` or a date in that month"),
        replace(REGION_CODE, doc="where the beneficiaries are: the Kemendagri code, as in snapshots"),
        replace(REGION_NAME, doc="where they are by name, with or instead of the code (both: they must agree)"),
        PROGRAM,
        FUNDER,
        Column(
            "participants",
            "peserta",
            "count",
            True,
            ("jumlah_peserta", "penerima", "jumlah_penerima", "peserta_didaftarkan"),
            "3.000",
            "the programme's participants in the region that month (whose contributions the funder pays)",
        ),
        Column(
            "monthly_rp",
            "iuran_bulanan",
            "money",
            aliases=("iuran", "iuran_per_bulan", "iuran_rp", "iuran_per_orang"),
            doc="rupiah per person per month; blank: the BPU contribution of the settings (Rp16.800)",
        ),
        Column(
            "category",
            "kategori",
            "text",
            aliases=("jenis", "kelompok", "jenis_pekerja"),
            doc="pekerja rentan, petugas keagamaan, ketua RT, pekerja jasa konstruksi, …",
            max_chars=80,
        ),
    ),
    ("period", "region_code", "program", "funder_code", "participants", "monthly_rp", "category"),
    (
        (
            "Mei 2025",
            "15.71",
            "Perlindungan Pekerja Rentan (contoh)",
            "Pemkot Jambi",
            "3.000",
            "16.800",
            "pekerja rentan",
        ),
        ("Mei 2025", "15.71", "Perlindungan Petugas Keagamaan (contoh)", "15.71", "1.316", "", "petugas keagamaan"),
    ),
    labels="spelled",
    anchors=("program", "funder_code"),
)
BUDGETS = Format(
    "budgets",
    (
        Column("year", "tahun", "year", True, ("tahun_anggaran",), "2025", "the budget year"),
        PROGRAM,
        FUNDER,
        Column(
            "budget_rp",
            "anggaran",
            "money",
            True,
            ("pagu", "alokasi", "anggaran_rp", "pagu_anggaran", "nilai_anggaran"),
            "1.100.000.000",
            "the year's allocation for the whole programme, rupiah: `1.100.000.000`, `Rp 1,1 M`, `850 juta`",
        ),
        Column(
            "legal_basis",
            "dasar_hukum",
            "text",
            aliases=("dasar", "regulasi", "peraturan"),
            doc='the decree or regulation ("Perwal Jambi No. 36 Tahun 2025")',
        ),
    ),
    ("year", "program", "funder_code", "budget_rp", "legal_basis"),
    (
        (
            "2025",
            "Perlindungan Pekerja Rentan (contoh)",
            "Pemkot Jambi",
            "1.100.000.000",
            "Perwal Jambi No. 36 Tahun 2025",
        ),
    ),
    labels="spelled",
    anchors=("year", "program", "funder_code", "budget_rp"),
    regional=False,
)

FORMATS = {f.name: f for f in (WIDE, LONG, TARGETS, PROJECTS, BENEFICIARIES, BUDGETS)}

"""CMS Part B drug data (payment limits per quarter, NDC–HCPCS crosswalk) as checked, read-only records.

`load_drug_files(content/reference/asp)` gives the records and the problems in our copies;
`drug_data_warnings(...)` gives the faults in CMS's data, by kind. The build's load stage calls both
once (codebook/drug_stage.py) and link sets `Site.drugs`.
"""

from .checks import drug_data_warnings
from .loader import load_drug_files
from .ndc import normalize_ndc
from .records import DrugData, DrugFiles, NdcPackage, PaymentLimit, Quarter

__all__ = [
    "DrugData",
    "DrugFiles",
    "NdcPackage",
    "PaymentLimit",
    "Quarter",
    "drug_data_warnings",
    "load_drug_files",
    "normalize_ndc",
]

"""The catalog: every code of the CMS HCPCS file as an anchored row (rows.py), its layout, its pages."""

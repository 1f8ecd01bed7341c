"""codebook: a static-site generator for a HCPCS Level II billing knowledge base."""

window.CODEBOOK_NDC={};

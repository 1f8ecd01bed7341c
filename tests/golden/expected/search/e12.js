window.CodebookSearchParts.e12={"7512":[4]};

window.CodebookSearchParts.e02={"7502":[2]};

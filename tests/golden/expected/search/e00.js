window.CodebookSearchParts.e00={"7500":[0]};

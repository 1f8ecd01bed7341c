window.CodebookSearchParts.e01={"7501":[1]};

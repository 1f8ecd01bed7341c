window.CodebookSearchParts.e17={"7517":[5]};

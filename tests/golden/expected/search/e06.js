window.CodebookSearchParts.e06={"7506":[3]};

window.CodebookSearchParts.index={"count":6,"docSize":32,"docs":["J7500"],"guide":"Hw==","headings":[],"lengths":"324265","terminated":"CA==","version":1,"words":["10"]};

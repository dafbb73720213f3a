"""Analysis over the ledger: claims held against official data (check), target attainment, shares."""

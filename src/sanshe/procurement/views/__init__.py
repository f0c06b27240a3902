"""Procurement pages, one module per sub-domain:

calls        public pages: calls, the catalogue, a call's detail, documents, OCDS releases
choice       the residents' choice form
bids         the bid form
evaluation   the evaluator's score sheet and the public evaluation page
manage       the buyer's desk (one small view per posted action)
contracts    contracts list, delivery records, performance evaluation
officers     an officer's projects, drafting a project, publishing the call
"""

"""Full screens, one per file: the caseload, a case, a contact, the review, the dashboard, and
practice."""

"""What is worked out from cases: the staffing review, the outcomes across a caseload and their
charts, and the wording the dashboard and ``sbcm report`` share.

Pure functions of cases and of the caseload's cached summaries: the screens, the command line
and the exports all ask these the same questions and so get the same answers.
"""

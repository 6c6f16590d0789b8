"""What is worked out from cases: the caseload summaries, the staffing review, the outcomes and
their charts, and the wording the dashboard and ``sbcm report`` share.

Pure functions of cases and summaries, with no I/O: the screens, the command line and the
exports all ask these the same questions and so get the same answers.
"""

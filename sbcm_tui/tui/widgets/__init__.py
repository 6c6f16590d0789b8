"""Small widgets shared by screens and panes."""

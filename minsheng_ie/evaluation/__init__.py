"""Evaluation: gold files (validated on load) and scoring of predictions against them."""

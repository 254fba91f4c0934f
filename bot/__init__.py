"""Cooldown coach: post-run stretching routines for running clubs, on Discord."""

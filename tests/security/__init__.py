"""Regression tests for the hardening issue: each attack, driven the way an attacker would."""

"""Conflicts: found by detection rules (`rules/`), curated in `conflicts.yaml` (`curated`), merged
and weighed (`merge`), then expanded for readers (`views`) and rendered (`render`)."""

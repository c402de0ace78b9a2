"""Rule files: read safely, validated against their schemas, layered,
cached, listed, and tested by their inline examples."""

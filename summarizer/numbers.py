"""Number mentions in Vietnamese text: where they stand, what they are worth, and what kind."""

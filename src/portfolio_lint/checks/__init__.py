"""The rule catalog: check functions by family; `catalog.all_checks()` registers them all."""

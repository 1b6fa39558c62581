"""The parts catalog (配件目录): vehicle models, parts, fitment and dated regional prices."""

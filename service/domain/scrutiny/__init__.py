"""Overview and scrutiny: the scrutiny pack (`pack`, its schema in `report`) and the attribution of
attainment to partners."""

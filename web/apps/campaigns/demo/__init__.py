"""Demo data for ``manage.py jixiao_demo``: a fictional city finance bureau (雁川市财政局)."""

"""Resources shipped with the application (installed as ``estimator.resources``)."""

"""Estimator (定损工作站): loss assessment and estimation for motor-insurance claims."""

__version__ = "0.1.0"

"""Shared kernel: money, problems and workbook reading used by every package."""

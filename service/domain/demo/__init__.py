"""The illustrative demo partnership: its data (`data`) and how it is loaded (`load`)."""

from service.domain.demo.load import load_demo

__all__ = ["load_demo"]

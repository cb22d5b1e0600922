"""Menus: the model, the loader and validator, staff edits and live reload."""

from kiosk.menu.load import load_menu, parse_menu, parse_menu_text
from kiosk.menu.model import Category, Item, Menu, Option, OptionGroup, format_money

__all__ = [
    "Category", "Item", "Menu", "Option", "OptionGroup", "format_money", "load_menu", "parse_menu",
    "parse_menu_text",
]

"""The order language: text -> exact cart, in Mandarin and English.

``Conversation(menu)`` is a plain state machine (no I/O): ``turn(text, lang)``
returns a :class:`~kiosk.types.Turn`; touch edits (``add``, ``set_quantity``,
``remove_line``, ``answer``) return a ``Turn`` too; ``set_menu`` returns the
repriced :class:`~kiosk.types.Cart`; ``readback()`` returns text.
"""

from kiosk.order.conversation import Conversation
from kiosk.order.index import index_for
from kiosk.order.text import detect_language

__all__ = ["Conversation", "detect_language", "index_for"]

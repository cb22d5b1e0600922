"""What goes into the session state machine (events) and what comes out (effects).

Everything here is a frozen dataclass with no behaviour, so the screen, the
runtime and the tests can build and compare them freely. Times are seconds on
a monotonic clock; money is in minor units (fen).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.timeouts import Timeouts as Timeouts  # re-exported; defined below config
from kiosk.types import Cart, Options, Question
from kiosk.types import Heard as EngineHeard


class State(StrEnum):
    """The screens of a diner's visit (and staff mode)."""

    IDLE = "idle"
    LISTENING = "listening"
    UNDERSTANDING = "understanding"
    CART = "cart"
    QUESTION = "question"
    CONFIRM = "confirm"
    PAYING = "paying"
    PAID = "paid"
    DECLINED = "declined"
    QUEUED = "queued"
    STAFF = "staff"


# ----------------------------------------------------------------------- events


@dataclass(frozen=True)
class Event:
    """Base of every event."""


@dataclass(frozen=True)
class Tick(Event):
    """Time passed (used only for timeouts)."""


@dataclass(frozen=True)
class SpeechReady(Event):
    """The speech models finished loading (``ready``) or failed (``error``)."""

    ready: bool = True
    error: str = ""


@dataclass(frozen=True)
class SpeechStarted(Event):
    """Voice activity began at the microphone."""


@dataclass(frozen=True)
class SpeechLevel(Event):
    """Microphone level, 0.0 (silence) to 1.0 (full scale)."""

    level: float


@dataclass(frozen=True)
class Partial(Event):
    """Words heard so far in the current utterance (may change)."""

    text: str


@dataclass(frozen=True)
class SpeechEnded(Event):
    """End of speech was detected; speech-to-text is running."""


@dataclass(frozen=True)
class Heard(Event):
    """Speech-to-text finished: ``text`` in ``language`` ("en", "zh" or "auto").

    ``visit`` is the visit the audio belongs to; late results of an earlier
    visit are dropped. ``engine``: what the speech engine said of the text (its
    confidence, other hypotheses), for the confidence gate (None: typed, or an
    engine that gives none).
    """

    text: str
    language: str
    visit: int
    engine: EngineHeard | None = None


@dataclass(frozen=True)
class HeardNothing(Event):
    """The utterance could not be transcribed (``reason`` says why); ``too_long``:
    it was not even tried, the speech being too long for one turn."""

    visit: int
    reason: str = ""
    too_long: bool = False


@dataclass(frozen=True)
class SpeakingDone(Event):
    """The readback finished (or was stopped)."""


@dataclass(frozen=True)
class TapStart(Event):
    """The diner touched the idle screen to order by touch."""


@dataclass(frozen=True)
class TapLanguage(Event):
    """The diner picked the screen language ("en" or "zh")."""

    lang: str


@dataclass(frozen=True)
class TapAdd(Event):
    """Add ``quantity`` of ``item`` with ``options`` (group id -> option ids) by touch."""

    item: str
    quantity: int = 1
    options: Options = ()


@dataclass(frozen=True)
class TapQuantity(Event):
    """Set the quantity of cart line ``line`` (0 removes it)."""

    line: int
    quantity: int


@dataclass(frozen=True)
class TapRemove(Event):
    """Remove cart line ``line``."""

    line: int


@dataclass(frozen=True)
class TapAnswer(Event):
    """Answer the open question with ``choice`` (one of ``Question.choices``)."""

    choice: str


@dataclass(frozen=True)
class TapNoneOfThese(Event):
    """"None of these": the open question is dropped (with the order it was about);
    the cart stays exactly as it was."""


@dataclass(frozen=True)
class TapCheckout(Event):
    """The diner is done: show the confirm screen with the exact cart."""


@dataclass(frozen=True)
class TapBack(Event):
    """Go back to the cart (from a question, the confirm screen or a decline)."""


@dataclass(frozen=True)
class TapConfirm(Event):
    """The Confirm & Pay button, bound to the digest of the cart it showed."""

    digest: str


@dataclass(frozen=True)
class Cancel(Event):
    """Cancel the whole visit (the cart is cleared), or the card wait while paying."""


@dataclass(frozen=True)
class PaymentResult(Event):
    """The payment of ``visit`` ended.

    ``outcome``: "paid" (settled online), "queued" (paid, settled later) or
    "declined" (nothing charged; ``reason`` says why). ``order_number`` is the
    pickup number for paid and queued.
    """

    visit: int
    outcome: str
    order_number: str = ""
    reason: str = ""
    needs_pin: bool = False  # declined, but a staff PIN may approve it


@dataclass(frozen=True)
class StaffApproval(Event):
    """Staff typed their PIN to approve a declined payment over a limit.

    It does not pay: the diner sees the confirm screen again and taps Confirm;
    that payment carries the PIN, which the payment service verifies.
    """

    pin: str = field(repr=False)


@dataclass(frozen=True)
class MenuChanged(Event):
    """The menu was reloaded; the cart may have been repriced."""


@dataclass(frozen=True)
class StaffOpen(Event):
    """A staff member entered a correct PIN (checked at the edge) with ``role``."""

    role: str = "staff"


@dataclass(frozen=True)
class StaffActivity(Event):
    """Staff touched something on the staff screen (keeps it open)."""


@dataclass(frozen=True)
class StaffClose(Event):
    """Staff left staff mode."""


#: Events that come from the diner (they keep a visit alive).
DINER_EVENTS: tuple[type[Event], ...] = (
    SpeechStarted, SpeechEnded, Partial, TapStart, TapLanguage, TapAdd, TapQuantity,
    TapRemove, TapAnswer, TapNoneOfThese, TapCheckout, TapBack, TapConfirm, Cancel, StaffApproval,
)

PAYMENT_OUTCOMES: tuple[str, ...] = ("paid", "queued", "declined")


# ----------------------------------------------------------------------- effects


@dataclass(frozen=True)
class View:
    """Everything a screen shows. ``digest`` is the cart the screen shows (hex).

    Once the diner said an allergy or a diet (docs/dialogue.md), in the screen's
    language: ``needs`` is it as one line ("Avoiding: peanuts"), ``dish_marks`` the dishes
    of the menu that go against it with the reasons ("peanuts", "not vegetarian"), and
    ``line_marks`` the reasons per cart line (() where a line fits). With a question open:
    ``question_lead`` is what the reply says before it ("Careful: the kung pao chicken has
    peanuts."), ``stuck`` that it was asked again after two turns that did not answer it
    (the screen says to tap a choice), ``none_of_these`` whether the screen offers "None of
    these" (not for a yes/no question: "No" is the way out).
    """

    state: State
    lang: str
    visit: int
    cart: Cart
    digest: str
    question: Question | None = None
    reply: str = ""
    heard: str = ""
    changed_lines: tuple[int, ...] = ()
    #: lines a spoken turn made with a confidence to check (kiosk.session.marks)
    doubtful_lines: tuple[int, ...] = ()
    message: str = ""
    order_number: str = ""
    speech_ready: bool = False
    role: str = ""
    needs_pin: bool = False
    needs: str = ""
    dish_marks: tuple[tuple[str, tuple[str, ...]], ...] = ()
    line_marks: tuple[tuple[str, ...], ...] = ()
    question_lead: str = ""
    stuck: bool = False
    none_of_these: bool = True


@dataclass(frozen=True)
class Effect:
    """Base of every effect."""


@dataclass(frozen=True)
class Show(Effect):
    """Render ``view``."""

    view: View


@dataclass(frozen=True)
class ShowLevel(Effect):
    """Update the level meter only (0.0 to 1.0)."""

    level: float


@dataclass(frozen=True)
class ShowPartial(Effect):
    """Update the words-as-heard line only."""

    text: str


@dataclass(frozen=True)
class Speak(Effect):
    """Say ``text`` in ``lang`` (non-blocking)."""

    text: str
    lang: str


@dataclass(frozen=True)
class StopSpeaking(Effect):
    """Stop any readback now (barge-in, cancel, timeout)."""


@dataclass(frozen=True)
class StartListening(Effect):
    """Open the microphone (voice activity detection decides when speech starts)."""


@dataclass(frozen=True)
class StopListening(Effect):
    """Close the microphone and drop any audio not yet transcribed."""


@dataclass(frozen=True)
class StartPayment(Effect):
    """Ask for a card and charge ``cart`` (exactly this cart, bound to ``digest``).

    Made only by a :class:`TapConfirm` on a confirm screen that showed ``cart``.
    ``confirmed_at`` is the monotonic time of the tap.
    """

    visit: int
    cart: Cart
    digest: str
    lang: str
    confirmed_at: float = field(default=0.0)
    staff_pin: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class CancelPayment(Effect):
    """Stop waiting for a card for ``visit`` (a :class:`PaymentResult` still follows)."""

    visit: int

"""The shape of the programme's files (resources/content/<lang>/programme/*.json) as typed
Structs; programme.py decodes them and adds the checks that span entries."""


from typing import Annotated, Literal

from msgspec import Meta

from desktop.content.typed import Content, Text, Texts

Indicator = Literal["negative_expectations", "structural_beliefs", "severe_limitation", "long_history",
                    "personalisation", "low_mood"]
Variants = Annotated[tuple[Text, ...], Meta(min_length=3, max_length=3)]  # one a week, in turn


class Item(Content):
    id: Text
    text: Text


class Rmdq(Content):
    intro: Text
    instruction: Text
    citation: Text
    items: Annotated[tuple[Item, ...], Meta(min_length=1)]


class Baseline(Content):
    intro: Text
    pain_now: Text
    pain_week: Text
    limitation_week: Text


class BarrierItem(Content):
    id: Text
    indicator: Indicator
    text: Text


class Barriers(Content):
    intro: Text
    questions: Annotated[tuple[BarrierItem, ...], Meta(min_length=1)]
    tailoring: dict[Indicator, Texts]  # a sentence or two for each indicator the patient has
    suggest_clinician: Text


class Onboarding(Content):
    welcome_title: Text
    not_started: Text
    welcome: Texts
    what_to_expect: Texts
    reminders_intro: Text
    reminder_time_label: Text
    clinic_code_intro: Text
    done: Texts


class Page(Content):
    id: Text
    title: Text
    paragraphs: Texts


class Session1(Content):
    title: Text
    pages: tuple[Page, ...]  # reassurance, why_activity, choose, goal, plan (checked in programme.py)

    def page(self, page_id: str) -> Page:
        for page in self.pages:
            if page.id == page_id:
                return page
        raise KeyError(page_id)


class Review(Content):
    title: Text  # {goal}, {planned}, {met} allowed in these three
    intro: Text
    days_met_question: Text


class Rerate(Content):
    question: Text
    level1_explained: Text
    level2_explained: Text


class GoalChoice(Content):
    keep: Text
    step_up: Text
    step_down: Text
    change: Text


class ModuleChoice(Content):
    intro: Text


class Session6(Content):
    rmdq_intro: Text
    look_back: Texts


class IfThen(Content):
    intro: Text
    example: Text
    when_label: Text
    where_label: Text


class Library(Content):
    title: Text
    intro: Texts


class Sessions(Content):
    session1: Session1
    review: Review
    rerate: Rerate
    goal_choice: GoalChoice
    module_choice: ModuleChoice
    session6: Session6
    if_then: IfThen
    library: Library
    locked: Text  # {date}
    late: Text


class Obstacle(Content):
    label: Text
    tip: Text


class Obstacles(Content):
    time: Obstacle
    pain: Obstacle
    motivation: Obstacle
    weather: Obstacle
    other: Obstacle


class Feedback(Content):
    met_better: Variants  # {activity}, {met}, {planned} allowed in these five
    met_same: Variants
    met_worse: Variants
    partly: Variants
    not_met: Variants
    obstacles: Obstacles

    def variants(self, message_key: str) -> tuple[str, ...]:
        """The week's message by its key in domain/feedback.py ("met_better", "partly"...)."""
        if message_key not in ("met_better", "met_same", "met_worse", "partly", "not_met"):
            raise KeyError(message_key)
        return getattr(self, message_key)

    def obstacle_list(self) -> tuple[tuple[str, Obstacle], ...]:
        """(key, obstacle) in the order they are offered."""
        return tuple((name, getattr(self.obstacles, name)) for name in self.obstacles.__struct_fields__)


class Section(Content):
    heading: Text
    paragraphs: Texts


class Module(Content):
    id: Text
    title: Text
    minutes: Annotated[int, Meta(ge=5, le=10)]  # a short read
    summary: Text
    sections: Annotated[tuple[Section, ...], Meta(min_length=1)]
    tips: Texts
    action: Text


class Modules(Content):
    modules: tuple[Module, ...]


class FlareUp(Content):
    title: Text
    intro: Texts
    plan: Texts
    gentle_goal: Text
    seek_help: Texts

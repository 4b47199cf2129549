"""What the API reads and writes. Amounts are strings of decimals (万元), never floats."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, ModelWrapValidatorHandler, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from apps.api.pagination import PageMeta
from apps.api.params import MAX_ID
from apps.reviews.workflow import TRANSITIONS
from apps.submissions.fields import FUNCTIONAL_BASIS
from apps.submissions.forms import FunctionalFormSet, IndicatorFormSet
from apps.submissions.models import IntakeState, State
from apps.units.models import UnitKind

# The allowed values come from the models and tables they name (one source of truth); a type
# checker sees plain strings.
if TYPE_CHECKING:
    StateName = KindName = ActionName = BasisName = IntakeName = str
else:
    StateName = Literal[tuple(State.values)]
    KindName = Literal[tuple(UnitKind.values)]
    ActionName = Literal[tuple(TRANSITIONS)]
    BasisName = Literal[tuple(FUNCTIONAL_BASIS)]
    IntakeName = Literal[tuple(IntakeState.values)]


# An amount as a script may send it: "793.43" (preferred), 793.43 or 793; never true/false
# (JSON's true is not the amount 1). The forms of the submissions app decide what is
# acceptable (≥ 0, ≤ 10^12 万元, finite), as for the pages, and write -0 as 0.
def _not_a_boolean(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("amount_type", "An amount cannot be true or false")
    return value


Amount = Annotated[str | int | float | None, BeforeValidator(_not_a_boolean)]


class InputSchema(Schema):
    """A request body (or part of one): only a JSON object is taken, checked field by field.

    ninja's Schema reads any value by its attributes (a list, a string or a number would
    become an object with every field missing: every part of a report emptied); an input
    refuses anything but an object instead."""

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(
        cls, values: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo
    ) -> Any:
        if isinstance(values, cls):
            return values
        if not isinstance(values, Mapping):
            raise PydanticCustomError("model_type", "Input should be an object")
        return handler(values)


class RenderPendingOut(Schema):
    """A generated report that is not ready yet: ask the same address again later."""

    state: Literal["queued", "running"] = Field(description="queued 排队中，running 生成中")
    state_label: str
    message: str
    retry_after: int = Field(description="建议等待的秒数（与响应头 Retry-After 相同）")


class RegionOut(Schema):
    id: int
    code: str
    name: str


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: KindName
    kind_label: str
    region: RegionOut
    active: bool


class UnitIn(InputSchema):
    code: str = Field(min_length=1, max_length=32)
    name: str = Field(min_length=1, max_length=128)
    kind: KindName
    region_id: int = Field(ge=1, le=MAX_ID)


class UnitPage(PageMeta):
    items: list[UnitOut]


class CampaignOut(Schema):
    id: int
    year: int
    notice_number: str
    title: str
    deadline: datetime.date
    outline: str
    framework: str
    overdue: bool
    report_count: int = Field(description="本人可见的单位报告数")


class CampaignIn(InputSchema):
    year: int = Field(ge=2000, le=2100)
    notice_number: str = Field(min_length=1, max_length=64)
    title: str = Field(min_length=1, max_length=128)
    deadline: datetime.date
    unit_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        default_factory=list, max_length=20000
    )
    outline: str = Field("", max_length=64)
    framework: str = Field("", max_length=64)


class CampaignUnitsIn(InputSchema):
    unit_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(max_length=20000)


class CampaignPage(PageMeta):
    items: list[CampaignOut]


class Count(Schema):
    key: str
    label: str
    value: int


class CampaignOverviewOut(Schema):
    campaign: CampaignOut
    total: int
    states: list[Count]
    grades: list[Count]
    overdue: list[int] = Field(description="逾期未报送的单位报告编号")
    ranking: list[int] = Field(description="按评分从高到低的单位报告编号")


class UnitRef(Schema):
    id: int
    code: str
    name: str


class SubmissionOut(Schema):
    id: int
    campaign_id: int
    year: int
    unit: UnitRef
    state: StateName
    state_label: str
    lock_version: int
    total: Decimal | None = Field(description="支出合计（万元）")
    three_public: Decimal | None
    execution_rate: Decimal | None
    self_score: Decimal | None
    self_grade: str
    score: Decimal | None
    grade: str
    error_count: int
    warning_count: int
    updated_at: datetime.datetime
    submitted_at: datetime.datetime | None


class SubmissionPage(PageMeta):
    items: list[SubmissionOut]


class ActionOut(Schema):
    action: ActionName
    label: str
    needs_comment: bool


class DocumentOut(Schema):
    id: int
    original_name: str
    size: int
    sha256: str
    uploaded_at: datetime.datetime
    intake_state: IntakeName
    intake_message: str


class SubmissionDetail(SubmissionOut):
    editable: bool = Field(description="本人现在能否修改数据或上传文件")
    actions: list[ActionOut] = Field(description="本人现在可以进行的流程操作")
    document: DocumentOut | None = Field(description="当前数据所依据的报告文件")
    current_version: int | None = Field(description="最近报送的版本号")


class DocumentPage(PageMeta):
    items: list[DocumentOut]


class DataOut(Schema):
    lock_version: int
    data: dict[str, Any]


class FunctionalIn(InputSchema):
    stated_name: str | None = None
    amount: Amount = None


class IndicatorIn(InputSchema):
    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    direction: str | None = None
    target: str | None = None
    actual: str | None = None
    unit: str | None = None
    weight: Amount = None
    score: Amount = None


class SpendingIn(InputSchema):
    total: Amount = None
    basic: Amount = None
    personnel: Amount = None
    public: Amount = None
    project: Amount = None
    functional_basis: BasisName | None = None
    functional: list[FunctionalIn] = Field(
        default_factory=list, max_length=FunctionalFormSet.max_num
    )


class ThreePublicIn(InputSchema):
    total: Amount = None
    overseas: Amount = None
    vehicle: Amount = None
    vehicle_purchase: Amount = None
    vehicle_operation: Amount = None
    reception: Amount = None


class BudgetIn(InputSchema):
    initial: Amount = None
    adjusted: Amount = None
    executed: Amount = None
    execution_rate: Amount = None


class AccountsIn(InputSchema):
    income_current: Amount = None
    income_grand_total: Amount = None
    expenditure_grand_total: Amount = None


class DataIn(InputSchema):
    """The editable part of a report's data, in the shape GET …/data returns (other keys are
    ignored, so what was read can be sent back). Every editable field is replaced: a field
    left out becomes empty."""

    spending: SpendingIn = Field(default_factory=SpendingIn)
    three_public: ThreePublicIn = Field(default_factory=ThreePublicIn)
    budget: BudgetIn = Field(default_factory=BudgetIn)
    accounts: AccountsIn = Field(default_factory=AccountsIn)
    self_score: Amount = None
    grade: str | None = None
    indicators: list[IndicatorIn] = Field(default_factory=list, max_length=IndicatorFormSet.max_num)
    problems: list[str] = Field(default_factory=list, max_length=500)
    suggestions: list[str] = Field(default_factory=list, max_length=500)
    conclusions: list[str] = Field(default_factory=list, max_length=500)


class FindingsOut(Schema):
    lock_version: int
    errors: int
    warnings: int
    findings: list[dict[str, Any]]


class ScorecardOut(Schema):
    lock_version: int
    available: bool
    message: str | None
    score: Decimal | None
    grade: str
    scorecard: dict[str, Any] | None


class CommentIn(InputSchema):
    target: Literal["general", "finding", "field"] = "general"
    key: str = Field("", max_length=128)
    label: str = Field("", max_length=255)
    text: str = Field(min_length=1, max_length=2000)


class TransitionIn(InputSchema):
    action: ActionName
    comment: str = Field("", max_length=5000)
    comments: list[CommentIn] = Field(default_factory=list, max_length=100)


class CommentOut(Schema):
    target: str
    key: str
    label: str
    text: str


class EventOut(Schema):
    id: int
    action: str
    from_state: StateName
    to_state: StateName
    actor: str | None
    at: datetime.datetime
    comment: str
    version: int | None
    comments: list[CommentOut]


class VersionOut(Schema):
    number: int
    created_at: datetime.datetime
    created_by: str | None
    score: Decimal | None
    grade: str
    document_id: int | None


class VersionDetail(VersionOut):
    data: dict[str, Any]
    findings: list[dict[str, Any]]
    scorecard: dict[str, Any] | None


class ChangeOut(Schema):
    label: str
    before: str
    after: str


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    unit: UnitRef | None
    region: RegionOut | None


class PublicUnit(Schema):
    code: str
    name: str
    kind: str
    region: str


class PublicSummary(Schema):
    id: int
    year: int
    unit: PublicUnit
    version: int
    published_at: str
    score: str | None
    grade: str | None


class PublicReport(PublicSummary):
    data: dict[str, Any]
    findings: list[dict[str, Any]]


class PublicPage(PageMeta):
    items: list[PublicSummary]


class PublicCampaign(Schema):
    id: int
    year: int
    notice_number: str
    title: str


class PublicCampaignData(Schema):
    campaign: PublicCampaign
    reports: list[PublicReport]

"""Page noise is blanked, offsets are kept, body sentences survive."""

from hypothesis import given, strategies as st

from marsad.text.clean import clean_text

PAGE = """قصف مدفعي على قرى في ريف حماة

قصفت قوات النظام، صباح اليوم، قرية قلعة المضيق بالمدفعية الثقيلة...
تنظيم داعش يعدم ثلاثة رعاة في بادية حمص

قصفت قوات النظام، صباح اليوم، قرية قلعة المضيق بالمدفعية الثقيلة، ما أدى إلى إصابة مدنيين اثنين.

وقال ناشطون إن القصف استمر ساعتين.

أقسام
من سوريا
أخبار متعلقة
الجيش التركي يقصف قرى في ريف الرقة"""


def test_noise_lines_are_blanked_and_length_kept():
    cleaned = clean_text(PAGE)
    assert len(cleaned.text) == len(PAGE)
    kept = cleaned.text
    assert "يعدم" not in kept  # another story's headline
    assert "الثقيلة..." not in kept  # the teaser
    assert "أقسام" not in kept and "يقصف" not in kept  # navigation tail and what follows
    assert "ما أدى إلى إصابة مدنيين اثنين." in kept
    assert "وقال ناشطون إن القصف استمر ساعتين." in kept
    reasons = {why for _, _, why in cleaned.dropped}
    assert {"headline", "teaser", "short_line", "navigation", "after_navigation"} <= reasons


def test_offsets_survive_cleaning():
    cleaned = clean_text(PAGE)
    start = cleaned.text.index("ما أدى")
    assert PAGE[start : start + 6] == "ما أدى"


def test_title_line_is_dropped_when_repeated_in_text():
    text = "عنوان الخبر هنا\nقصفت الطائرات الحربية بلدة كفرنبل، ما أدى إلى مقتل مدنيين."
    cleaned = clean_text(text, title="عنوان الخبر هنا")
    assert "عنوان" not in cleaned.text
    assert "كفرنبل" in cleaned.text


def test_truncated_last_line_is_kept():
    text = "هذا سطر أول طويل بما يكفي لينتهي بنقطة في آخره كما يجب.\nودفعت وزارة الدفاع، خلال الساعات الماضية، بتعزيزات عس"
    assert "بتعزيزات عس" in clean_text(text).text


def test_a_short_unpunctuated_line_that_opens_with_and_is_body():
    # a report cut mid-sentence opens with "وفي"/"وقال" …; a headline does not
    text = (
        "هذا سطر أول طويل بما يكفي لينتهي بنقطة في آخره كما يجب.\n"
        "وفي مدينة حمص قال سكان إن مئات خرجوا إلى الشوارع عقب صلاة الجمعة مرددين هتا\n"
        "واشنطن تعلن فرض عقوبات جديدة"
    )
    kept = clean_text(text).text
    assert "خرجوا إلى الشوارع" in kept
    assert "عقوبات" not in kept


def test_a_one_line_report_is_its_own_body():
    # a short line with no full stop is a headline only when a body follows it
    text = "قصفت قوات النظام بلدة كفرنبل جنوب إدلب"
    assert clean_text(text).text == text
    assert clean_text(text + "\nوقال ناشطون إن القصف استمر ساعتين.").text.startswith(" " * len(text))


@given(st.text(max_size=500))
def test_never_raises_and_keeps_length(text):
    assert len(clean_text(text).text) == len(text)

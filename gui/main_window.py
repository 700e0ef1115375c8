"""The main window: 基本信息 and one tab per official section, the findings dock, menus, status.

The window only arranges and routes: report logic is in model/, edits go through
gui/document.ReportDocument, file handling through gui/file_controller.FileController.
"""

from __future__ import annotations

import base64
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import (QApplication, QLabel, QLineEdit, QMainWindow, QPlainTextEdit,
                               QTabWidget, QToolBar, QToolButton, QVBoxLayout, QWidget)

from gui.actions import REDO_SHORTCUTS, display_only_shortcut, make_action
from gui.zoom_bar import FIT_TEXT
from gui.document import ReportDocument
from gui.plain_text import tooltip
from gui.file_controller import FileController, default_year
from gui.findings_panel import CHECKING, FindingsPanel, counts, hint_count
from gui.icons import icon
from gui.info_tab import InfoTab
from gui.looks import text_colour
from gui.section_tab import SectionTab
from gui import text_tools
from model.findings import ERROR, Finding
from model.report import Report
from model import terms
from model.settings import Settings

# typing.TYPE_CHECKING, as type checkers read it, without naming typing in an import: PySide6's
# import hook reads the source of each module an import names once PySide6 is loaded (typing's
# is 3,000 lines) — start-up time (bench/bench_startup.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from model.find import Match

APP_TITLE = terms.APP_NAME
INFO = "info"
LAYOUT_VERSION = 1  # of the saved window state: 1 = findings at the side
MINIMUM_SIZE = (720, 480)  # every page scrolls: the window fits 1366×768 at 150 % too
FINDINGS_WIDTH = 300  # a finding wraps to three or four lines; the tables keep ~1000 px at 1366


ERROR_DOT = "#d93025"
REVIEW_DOT = "#f2a600"  # text carried over from last year, 待复核


_dots: dict[str, QIcon] = {}


def _dot_icon(color: str) -> QIcon:
    """A tab's mark, drawn when first needed: a new report's first picture has none (the checks
    come after it), and drawing builds Python's view of QPainter."""
    if color in _dots:
        return _dots[color]
    from PySide6.QtGui import QColor, QPainter, QPixmap

    pm = QPixmap(12, 12)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(color))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(1, 1, 10, 10)
    p.end()
    _dots[color] = QIcon(pm)
    return _dots[color]


class _OnFirstPaint(QObject):
    """Call `callback` on the next turn of the event loop after `widget` has first painted."""

    def __init__(self, widget: QWidget, callback):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def on_first_paint(widget: QWidget, callback) -> None:
    """Call `callback` on the next turn of the event loop after `widget` has first painted
    (callbacks registered later run first)."""
    _OnFirstPaint(widget, callback)


def _report_paint_and_quit() -> None:
    """Benchmark hook: print when the first paint was done (epoch seconds), then end."""
    import time

    print(f"first-paint {time.time():.6f}", flush=True)
    QApplication.instance().quit()


class MainWindow(QMainWindow):
    """`paint_first` (the app's start, gui/app.py): the report is checked, and the channel other
    starts ask through listens (gui/instance_channel), right after the window has first painted,
    not before — the first picture shows no findings and no counts (never wrong ones) for the
    few milliseconds until they come."""

    def __init__(self, draft: Path | None = None, start: bool = True, settings: Settings | None = None,
                 paint_first: bool = False):
        super().__init__()
        self.setObjectName("main_window")
        self.doc = ReportDocument(Report.new(default_year()), parent=self, defer_checks=paint_first)
        self.files = FileController(self, self.doc, settings)
        self.settings = self.files.settings
        self._pending_messages: list[str] = []
        self.files.message.connect(self.show_message)
        # Decide which report to show before the pages exist, so that they are built once.
        self.files.defer_listen = paint_first
        if start:
            self.files.start(draft)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        # Too narrow (a 1366 screen at 150 %): every tab stays in view, its text shortened
        # (「三 依申…」) rather than some tabs hidden behind scroll arrows.
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.info = InfoTab(self.doc)
        self.info.messageRequested.connect(self.show_message)
        self.pages: dict[str, QWidget] = {INFO: self.info}
        self.tabs.addTab(self.info, terms.INFO_PAGE)
        for sec in self.doc.fmt.sections:
            page = SectionTab(self.doc, sec.id)
            page.messageRequested.connect(self.show_message)
            self.pages[sec.id] = page
            self.tabs.addTab(page, sec.tab_title)
        central = QWidget()
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.tabs, 1)
        self._find_bar = None  # built on first Ctrl+F / Ctrl+H
        self.setCentralWidget(central)
        self.setMinimumSize(*MINIMUM_SIZE)
        self._edit_target: QWidget | None = None  # where 编辑's cut/copy/paste go
        QApplication.instance().focusChanged.connect(self._focus_changed)

        self.doc.set_check_options(text_tools.check_options(self.settings))
        self.findings = FindingsPanel(self.doc, self)
        self.findings.findingActivated.connect(self.goto_finding)
        self.findings.messageRequested.connect(self.show_message)
        # At the side: on a laptop screen height is what the tables lack, width they have.
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status()

        self.doc.recomputed.connect(self._refresh_checks)
        self.doc.reportReplaced.connect(self._on_replaced)
        self.doc.metaChanged.connect(lambda _f: self._refresh_title())
        self.files.stateChanged.connect(self._refresh_title)
        self.files.autosaver.written.connect(self._refresh_save_state)

        self._restore_geometry()
        self._on_replaced()
        # The window opens on 基本信息: start in its first field, not on the tab bar, where typed
        # text goes nowhere.
        self.info.agency.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.files.first_start:
            self.show_first_start_hint()
        for text in self._pending_messages:
            self.show_message(text)

        # The checks run and the hidden pages are built once the window is on screen: the clerk
        # sees it sooner.
        _OnFirstPaint(self.info.body, self._after_first_paint)
        if os.environ.get("NIANBAO_QUIT_AFTER_PAINT") == "1":  # the start-up benchmark
            _OnFirstPaint(self.info.body, _report_paint_and_quit)

    # -- building ------------------------------------------------------------------------------
    def _after_first_paint(self) -> None:
        self.files.listen_now()  # first: another start may be asking for this window's draft
        self.doc.run_deferred_checks()
        self.build_pages()

    def build_pages(self) -> None:
        """Build every section page's editors now (else each is built when first shown)."""
        self.info.format.fill()
        for page in self.pages.values():
            if page is not self.info:
                page.ensure_built()

    def _build_actions(self) -> None:
        f = self.files
        self.act_new = make_action(self, "新建(&N)…", f.new_report, QKeySequence.StandardKey.New,
                                   icon("new"), "新建一份年度报告")
        self.act_open = make_action(self, "打开(&O)…", f.open_dialog, QKeySequence.StandardKey.Open,
                                    icon("open"), "打开已保存的报告草稿")
        self.act_rollover = make_action(self, f"{terms.ROLLOVER}(&L)…", f.rollover_dialog,
                                        QKeySequence("Ctrl+Shift+N"), icon("rollover"),
                                        "用上年的报告（草稿、Word、网页、PDF 或 Excel）开始本年的报告（带入上年结转等数据）")
        self.act_import = make_action(self, "导入报告(&I)…", self.import_report, None, None,
                                      "读取 Word、网页、PDF 或 Excel 格式的年度报告，核对后作为新报告")
        self.act_summary = make_action(self, "汇总与审核(&U)…", self.open_summary, None, None,
                                       "审核各单位报送的报告，并汇总为本地区的报告")
        self.act_save = make_action(self, "保存(&S)", f.save, QKeySequence.StandardKey.Save,
                                    icon("save"), "保存报告草稿")
        self.act_save_as = make_action(self, "另存为(&A)…", f.save_as, QKeySequence.StandardKey.SaveAs,
                                       None, "把报告草稿保存到新文件")
        self.act_pdf = make_action(self, "导出PDF(&P)…", f.export_pdf, QKeySequence("Ctrl+E"),
                                   icon("pdf"), "导出可公开发布的 PDF 报告")
        self.act_xlsx = make_action(self, "导出Excel(&E)…", f.export_xlsx, QKeySequence("Ctrl+Shift+E"),
                                    icon("xlsx"), "导出 Excel 表格")
        self._build_publish_actions()
        self.act_print = make_action(self, "打印(&R)…", f.print_report, QKeySequence.StandardKey.Print,
                                     icon("print"), "打印报告（先预览）")
        self.act_pdf_fonts = make_action(self, "PDF 字体(&Z)…", self.choose_pdf_fonts, None, None,
                                         "选择导出 PDF 和打印使用的字体（本机的仿宋、楷体、黑体等）")
        self.act_quit = make_action(self, "退出(&X)", self.close, QKeySequence.StandardKey.Quit,
                                    None, f"关闭{terms.APP_NAME}")
        self.act_quit.setMenuRole(self.act_quit.MenuRole.QuitRole)

        stack = self.doc.undo_stack
        self.act_undo = make_action(self, "撤销", self.undo, QKeySequence.StandardKey.Undo,
                                    icon("undo"), enabled=False)
        self.act_redo = make_action(self, "重做", self.redo, REDO_SHORTCUTS,
                                    icon("redo"), enabled=False)
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        stack.undoTextChanged.connect(lambda t: self._set_step_text(self.act_undo, "撤销", t))
        stack.redoTextChanged.connect(lambda t: self._set_step_text(self.act_redo, "重做", t))

        # 编辑: they act on the table or the text field the clerk was in.
        self.act_cut = make_action(self, "剪切(&T)", lambda: self._edit("cut"), None, None,
                                   "剪切选中的单元格或文字")
        self.act_copy = make_action(self, "复制(&C)", lambda: self._edit("copy"), None, None,
                                    "复制选中的单元格或文字")
        self.act_paste = make_action(self, "粘贴(&P)", lambda: self._edit("paste"), None, None,
                                     "粘贴到选中的单元格或光标处")
        self.act_clear = make_action(self, "清除(&D)", lambda: self._edit("clear"), None, None,
                                     "清除选中单元格的数值或选中的文字")
        for act, key in ((self.act_cut, QKeySequence.StandardKey.Cut),
                         (self.act_copy, QKeySequence.StandardKey.Copy),
                         (self.act_paste, QKeySequence.StandardKey.Paste),
                         (self.act_clear, QKeySequence(Qt.Key.Key_Delete))):
            display_only_shortcut(act, key)
        self.act_fill_zero = make_action(self, f"{terms.FILL_ZERO}(&0)", self.fill_zero_here, None, None,
                                         "把当前表格中所有空白的输入单元格填为 0（可撤销）")
        self.act_find = make_action(self, "查找(&F)…", lambda: self.open_find(False),
                                    QKeySequence.StandardKey.Find, None, "在全部正文和机关名称中查找")
        self.act_replace = make_action(self, "替换(&H)…", lambda: self.open_find(True),
                                       QKeySequence("Ctrl+H"), None, f"{terms.FIND_REPLACE}，可{terms.REPLACE_ALL}")
        self.act_find_next = make_action(self, "查找下一个", lambda: self._find_step(+1),
                                         QKeySequence.StandardKey.FindNext)
        self.act_find_prev = make_action(self, "查找上一个", lambda: self._find_step(-1),
                                         QKeySequence.StandardKey.FindPrevious)

        self.act_punctuation = make_action(
            self, f"{terms.NORMALIZE_PUNCTUATION}(&B)",
            lambda: self.show_message(text_tools.normalize_punctuation(self.doc)), None, None,
            "把全部正文中的半角标点、多余空格和不统一的引号改为规范写法（一步，可撤销）")
        self.act_overview_limit = make_action(
            self, "总体情况字数上限(&L)…",
            lambda: self.show_message(text_tools.ask_overview_limit(self, self.settings, self.doc)),
            None, None, "设定“一、总体情况”的字数上限（默认不限制）")

        # 查看
        self.act_findings = self.findings.toggleViewAction()
        self.act_findings.setText(f"{terms.FINDINGS}(&C)")
        self.act_findings.setShortcut(QKeySequence("Ctrl+F8"))
        self.act_next_finding = make_action(self, "下一个问题(&N)", lambda: self.step_finding(+1),
                                            QKeySequence("F8"), None, "转到校验结果中的下一条并定位")
        self.act_prev_finding = make_action(self, "上一个问题(&P)", lambda: self.step_finding(-1),
                                            QKeySequence("Shift+F8"), None, "转到校验结果中的上一条并定位")
        self.act_zoom_in = make_action(self, "放大(&I)", lambda: self._zoom("zoom_in"),
                                       [QKeySequence("Ctrl+="), QKeySequence.StandardKey.ZoomIn])
        self.act_zoom_out = make_action(self, "缩小(&O)", lambda: self._zoom("zoom_out"),
                                        QKeySequence.StandardKey.ZoomOut)
        self.act_zoom_reset = make_action(self, "100%(&R)", lambda: self._zoom("zoom_reset"),
                                          QKeySequence("Ctrl+0"))
        self.act_zoom_fit = make_action(self, f"{FIT_TEXT}(&W)", lambda: self._zoom("zoom_fit"), None, None,
                                        "缩放表格，使整张表都显示在窗口中")
        self.act_sample = make_action(self, f"{terms.OPEN_SAMPLE}(&S)", f.open_sample, None, None,
                                      "打开示例报告的副本，看看填好的报告是什么样子")
        self.act_about = make_action(self, f"关于{terms.APP_NAME}(&A)", self.show_about)
        self.act_about.setMenuRole(self.act_about.MenuRole.AboutRole)

    def import_report(self) -> bool:
        from gui.import_flow import ImportFlow  # imported late: only when asked

        return ImportFlow(self, self.files).import_dialog()

    def choose_pdf_fonts(self) -> None:
        from gui.pdf_fonts_dialog import choose_pdf_fonts  # imported late: only when asked

        if choose_pdf_fonts(self, self.settings):
            self.statusBar().showMessage("已保存 PDF 字体设置，导出 PDF 和打印时使用。", 5000)

    def _build_publish_actions(self) -> None:
        """Word for the head's 审签, the web page for the site's 年报专栏, and the same page's
        HTML on the clipboard for the site's editor (gui/web_copy.py)."""
        f = self.files
        self.act_docx = make_action(self, "导出Word(&W)…", f.export_docx, None, icon("docx"),
                                    "导出 Word 文档（公文格式），供领导审签修改")
        self.act_html = make_action(self, "导出网页(&H)…", f.export_html, None, icon("html"),
                                    "导出网页文件，供网站政府信息公开年报专栏发布")
        self.act_copy_html = make_action(self, "复制到网站编辑器(&B)", f.copy_html, None, None,
                                         "把报告网页（含表格）复制到剪贴板，可直接粘贴到网站的文章编辑器")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("文件(&F)")
        m.addActions([self.act_new, self.act_open, self.act_rollover, self.act_import, self.act_summary])
        self.recent_menu = m.addMenu("最近打开(&T)")
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        m.addActions([self.act_pdf, self.act_xlsx, self.act_docx, self.act_html, self.act_copy_html,
                      self.act_print, self.act_pdf_fonts])
        m.addSeparator()
        m.addAction(self.act_quit)

        m = bar.addMenu("编辑(&E)")
        m.setObjectName("edit_menu")
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_clear])
        m.addSeparator()
        m.addAction(self.act_fill_zero)
        m.addSeparator()
        m.addActions([self.act_find, self.act_replace, self.act_find_next, self.act_find_prev])
        m.addSeparator()
        m.addActions([self.act_punctuation, self.act_overview_limit])
        m.aboutToShow.connect(self._update_edit_actions)
        self.edit_menu = m

        m = bar.addMenu("查看(&V)")
        m.addActions([self.act_findings, self.act_next_finding, self.act_prev_finding])
        m.addSeparator()
        m.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, self.act_zoom_fit])
        self.tab_actions = []
        m.addSeparator()
        for i in range(self.tabs.count()):
            act = make_action(self, self.tabs.tabText(i), lambda i=i: self.tabs.setCurrentIndex(i),
                              QKeySequence(f"Ctrl+{i + 1}") if i < 9 else None)
            self.tab_actions.append(act)
            m.addAction(act)

        m = bar.addMenu("帮助(&H)")
        m.addActions([self.act_sample, self.act_about])

    def _build_toolbar(self) -> None:
        tb = QToolBar("常用")
        tb.setObjectName("main_toolbar")
        tb.setMovable(False)
        tb.setIconSize(QSize(18, 18))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addActions([self.act_new, self.act_open, self.act_save])
        tb.addSeparator()
        tb.addActions([self.act_undo, self.act_redo])
        tb.addSeparator()
        tb.addActions([self.act_pdf, self.act_xlsx, self.act_docx, self.act_html, self.act_print])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb

    def _build_status(self) -> None:
        sb = self.statusBar()
        # The counts open the findings: the clerk's first question is "where?".
        self.check_label = QToolButton()
        self.check_label.setObjectName("status_checks")
        self.check_label.setAutoRaise(True)
        self.check_label.setToolTip(f"打开“{terms.FINDINGS}”（F8 转到下一条）")
        self.check_label.clicked.connect(self.show_findings)
        self.save_label = QLabel()
        self.save_label.setObjectName("status_saved")
        for label in (self.check_label, self.save_label):
            label.setContentsMargins(10, 0, 10, 0)
            sb.addPermanentWidget(label)

    # -- refreshing ----------------------------------------------------------------------------
    def _on_replaced(self) -> None:
        for i, sec in enumerate(self.doc.fmt.sections, start=1):
            self.tabs.setTabText(i, sec.tab_title)
            self.tabs.setTabToolTip(i, sec.heading)
        self._refresh_checks()
        self._refresh_title()

    def _refresh_checks(self) -> None:
        findings = self.doc.findings  # [] while not checked: no error marks, the count says so below
        with_errors = {f.section for f in findings if f.severity == ERROR}
        to_review = {k if k in self.pages else INFO for k in self.doc.report.review}
        for key, page in self.pages.items():
            i = self.tabs.indexOf(page)
            mark = (_dot_icon(ERROR_DOT) if key in with_errors else _dot_icon(REVIEW_DOT) if key in to_review
                    else QIcon())
            self.tabs.setTabIcon(i, mark)
            name = terms.INFO_PAGE if key == INFO else self.doc.fmt.section(key).heading
            self.tabs.setTabToolTip(i, f"{name}（有从上年带入、待复核的正文）" if key in to_review else name)
        if not self.doc.checked:
            self.check_label.setText(CHECKING)
            self.check_label.setAccessibleName(f"{terms.FINDINGS}：{CHECKING}")
            self._refresh_save_state()
            return
        errors, warnings = counts(findings)
        hints = hint_count(findings)
        self.check_label.setText(f"错误 {errors}，提示 {warnings}" + (f"，建议 {hints}" if hints else ""))
        self.check_label.setAccessibleName(f"{terms.FINDINGS}：错误 {errors} 个，提示 {warnings} 个"
                                           + (f"，建议 {hints} 个" if hints else ""))
        text_colour(self.check_label, "#b3261e" if errors else None, bold=bool(errors))
        self._refresh_save_state()

    def _refresh_save_state(self) -> None:
        if not self.files.is_modified():
            text = "已保存" if self.doc.path else "尚未修改"
        elif self.doc.path is None:
            text = "新报告未保存（已自动备份）"
        else:
            text = "有未保存的修改（已自动备份）"
        self.save_label.setText(text)
        self.setWindowModified(self.files.is_modified())

    def _refresh_title(self) -> None:
        self.setWindowTitle(f"{self.files.display_name()}[*] — {APP_TITLE}")
        self._refresh_save_state()

    def show_message(self, text: str) -> None:
        if not hasattr(self, "check_label"):  # before the status bar exists (opening at start)
            self._pending_messages.append(text)
            return
        self.statusBar().showMessage(text, 8000)

    def show_first_start_hint(self) -> None:
        if not self.settings.get("hint_dismissed"):
            self.info.hint_banner.show()
            self.info.hint_banner.buttonClicked.connect(self._start_hint_clicked)
            self.info.hint_banner.closed.connect(lambda: self.settings.set("hint_dismissed", True))
            self.files.stateChanged.connect(self._refresh_start_hint)
            self._refresh_start_hint()
        self.show_message(f"欢迎使用{terms.APP_NAME}：先在“{terms.INFO_PAGE}”中填写{terms.AGENCY}。")

    def _refresh_start_hint(self) -> None:
        """The banner follows the report: the sample's copy, a new report, or — a report of the
        clerk's own with its agency (opened, made from last year's) — none: it has begun."""
        banner = self.info.hint_banner
        if self.settings.get("hint_dismissed"):
            return
        if not self.files.sample_shown and self.doc.report.agency:
            banner.hide()
            return
        self.info.set_start_hint(self.files.sample_shown)
        banner.show()

    def _start_hint_clicked(self) -> None:
        """打开示例报告, or with the sample open 新建报告 (the banner offers what is not open)."""
        if self.files.sample_shown:
            self.files.new_report()
        else:
            self.files.open_sample()

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.settings.recent_files
        for n, path in enumerate(recent, start=1):
            p = Path(path)
            act = menu.addAction(f"&{n % 10} {p.name}")
            act.setToolTip(tooltip(path))
            act.setStatusTip(path)
            act.triggered.connect(lambda checked=False, path=path: self.files.open_recent(path))
        if not recent:
            menu.addAction("（无）").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("清除列表", self.files.clear_recent)

    # -- navigation ----------------------------------------------------------------------------
    def goto_finding(self, finding: Finding) -> None:
        page = self.pages.get(finding.section) or self.info
        self.tabs.setCurrentWidget(page)
        if page is self.info:
            self._focus_info_field(finding)
            return
        if finding.text_key == finding.section and finding.span is not None:
            page.text.select_span(finding.span)  # the statement the finding is about
            return
        if finding.cells and page.show_cell(finding.cells[0]):
            return
        page.focus_text()

    def _focus_info_field(self, finding: Finding) -> None:
        if finding.text_key in ("preamble", "closing") and finding.span is not None:
            getattr(self.info, finding.text_key).select_span(finding.span)
            return
        if finding.rule.startswith("agency"):
            widget = self.info.agency
        elif finding.rule.startswith("date"):
            widget = self.info.date
        elif finding.rule.startswith("format") or "year" in finding.rule:
            widget = self.info.format
        elif finding.text_key == "closing":
            widget = self.info.closing.edit
        else:
            widget = self.info.preamble.edit
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_findings(self) -> None:
        self.findings.show()
        self.findings.raise_()
        self.findings.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def step_finding(self, step: int) -> None:
        """F8 / Shift+F8: the next or previous finding, shown where it is."""
        self.doc.flush_checks()
        self.findings.show()
        finding = self.findings.step(step)
        if finding is None:
            self.show_message("没有需要处理的问题。")
            return
        self.goto_finding(finding)

    # -- find and replace ----------------------------------------------------------------------
    @property
    def find_bar(self):
        """The 查找和替换 bar under the tabs, built when first asked for."""
        if self._find_bar is None:
            from gui.find_bar import FindBar

            bar = FindBar(self.doc)
            bar.showMatch.connect(self.show_match)
            bar.highlight.connect(self._highlight_matches)
            bar.messageRequested.connect(self.show_message)
            bar.closed.connect(self._find_closed)
            self._column.addWidget(bar)
            self._find_bar = bar
        return self._find_bar

    def text_editor(self, key: str):
        """The editor of a text key (s1…s6, preamble, closing)."""
        if key == "preamble":
            return self.info.preamble
        if key == "closing":
            return self.info.closing
        page = self.pages.get(key)
        return page.text if page is not None and page is not self.info else None

    def _text_editors(self) -> list:
        editors = [self.info.preamble, self.info.closing]
        for page in self.pages.values():
            if page is not self.info and page.is_built():
                editors.append(page.text)
        return editors

    def open_find(self, replace: bool) -> None:
        focus = QApplication.focusWidget()
        selected = ""
        if isinstance(focus, (QPlainTextEdit, QLineEdit)) and not self.find_bar.isAncestorOf(focus):
            selected = (focus.textCursor().selectedText() if isinstance(focus, QPlainTextEdit)
                        else focus.selectedText())
        self.build_pages()
        self.find_bar.open_bar(replace, selected)

    def _find_step(self, step: int) -> None:
        if self._find_bar is None or not self.find_bar.isVisible() or not self.find_bar.needle:
            self.open_find(self.find_bar.replacing())
            return
        self.find_bar.find_next(step)

    def show_match(self, match: Match) -> None:
        """Switch to the tab of a match and select it, the focus staying in the find bar."""
        from model.find import AGENCY_KEY

        if match.key == AGENCY_KEY:
            self.tabs.setCurrentWidget(self.info)
            self.info.agency.setSelection(match.start, match.end - match.start)
            self.info.ensureWidgetVisible(self.info.agency)
            return
        editor = self.text_editor(match.key)
        if editor is None:
            return
        page = self.info if match.key in ("preamble", "closing") else self.pages[match.key]
        self.tabs.setCurrentWidget(page)
        editor.show_span(match.start, match.end)
        if page is self.info:
            self.info.ensureWidgetVisible(editor)

    def _highlight_matches(self, needle: str, case: bool, current) -> None:
        for editor in self._text_editors():
            span = (current.start, current.end) if current is not None and current.key == editor.key else None
            editor.set_find(needle, case, span)

    def _find_closed(self) -> None:
        page = self.tabs.currentWidget()
        page.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- 编辑 menu -------------------------------------------------------------------------------
    def _focus_changed(self, _old, new) -> None:
        if new is not None and self.isAncestorOf(new) and self._edit_kind(new):
            self._edit_target = new

    def _edit_kind(self, widget) -> str:
        if isinstance(widget, (QPlainTextEdit, QLineEdit)):
            return "text"
        return "grid" if self._grid_of(widget) is not None else ""

    def _grid_of(self, widget):
        """The GridView `widget` belongs to, if any."""
        grid_view = sys.modules.get("gui.grid_view")
        if grid_view is None:
            return None  # no table has been built yet (and its module is not loaded for this)
        parent = widget
        while parent is not None and parent is not self:
            if isinstance(parent, grid_view.GridView):
                return parent
            parent = parent.parent()
        return None

    def _edit(self, what: str) -> None:
        """剪切 / 复制 / 粘贴 / 清除 from the 编辑 menu, on the table or text the clerk was in."""
        target = self._edit_target
        if target is None or not target.isVisible():
            self.show_message("请先选中表格中的单元格，或在正文中选中文字。")
            return
        grid = self._grid_of(target)
        if grid is not None:
            {"cut": grid.cut_selection, "copy": grid.copy_selection, "paste": grid.paste_clipboard,
             "clear": grid.clear_selection_values}[what]()
            grid.table_view().setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if what == "clear":
            target.insert("") if isinstance(target, QLineEdit) else target.textCursor().removeSelectedText()
        else:
            getattr(target, what)()
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_edit_actions(self) -> None:
        page = self.tabs.currentWidget()
        self.act_fill_zero.setEnabled(page is not self.info and page.is_table_page())

    def fill_zero_here(self) -> None:
        page = self.tabs.currentWidget()
        if page is self.info or not page.is_table_page():
            self.show_message(f"“{terms.FILL_ZERO}”用于表格页（二、三、四）。")
            return
        page.ensure_grid().fill_blanks_and_tell()

    def _zoom(self, how: str) -> None:
        page = self.tabs.currentWidget()
        if page is self.info:
            self.show_message("缩放用于各部分的表格和正文。")
            return
        getattr(page, how)()

    @staticmethod
    def _set_step_text(act, verb: str, step: str) -> None:
        act.setText(f"{verb}“{step}”" if step else verb)
        act.setIconText(verb)  # the toolbar button stays short

    def undo(self) -> None:
        self.commit_pending_edits()  # a half-typed agency name becomes the step undone
        stack = self.doc.undo_stack
        if stack.canUndo():
            self._step("撤销", stack.undoText(), stack.command(stack.index() - 1), stack.undo)

    def redo(self) -> None:
        stack = self.doc.undo_stack
        if stack.canRedo():
            self._step("重做", stack.redoText(), stack.command(stack.index()), stack.redo)

    def _step(self, verb: str, label: str, command, do) -> None:
        """Undo or redo one step, then show its page when it changed one out of sight: Ctrl+Z on
        表三 may undo typing in 一, and a clerk who sees nothing change presses it again."""
        change = getattr(command, "change", None)
        do()
        self.show_message(f"已{verb}“{label}”。")
        if change is None:
            return
        fmt = self.doc.fmt
        places = []  # (page, cell id or None), in the order the step lists them
        for key in change.texts:
            places.append((self.info if key in ("preamble", "closing") else self.pages.get(key), None))
        for cid in list(change.cells) + list(change.units):
            cell = fmt.cells.get(cid)
            if cell is not None:
                places.append((self.pages.get(cell.table.section), cid))
        if change.details:
            places.append((self.info, None))
        places = [(page, cid) for page, cid in places if page is not None]
        if not places or any(page is self.tabs.currentWidget() for page, _ in places):
            return
        page, cid = places[0]
        self.tabs.setCurrentWidget(page)
        if cid is not None:
            page.show_cell(cid)

    def commit_pending_edits(self) -> None:
        """Everything typed but not yet written (agency field, an open cell editor) goes in now."""
        self.info.commit_pending()
        for page in self.pages.values():
            if page is not self.info:
                page.commit_pending()

    def open_summary(self) -> None:
        """The 汇总与审核 window (one per main window); its sum opens here as an unsaved report."""
        from gui.summary_window import SummaryWindow  # not needed to start

        win = getattr(self, "summary_window", None)
        if win is None:
            win = self.summary_window = SummaryWindow(self.files.open_unsaved, self.settings, self)
            win.setWindowFlag(Qt.WindowType.Window, True)
        win.show()
        win.raise_()
        win.activateWindow()

    # -- help ------------------------------------------------------------------------------------
    def show_about(self) -> None:
        try:
            from gui.about_dialog import AboutDialog
        except ImportError:
            from gui import message_box

            message_box.information(self, f"关于{terms.APP_NAME}", f"{terms.APP_NAME}：{terms.APP_SUMMARY}。")
            return
        AboutDialog(self).exec()

    # -- window state --------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        if not self._findings_sized:
            self._findings_sized = True
            # The findings' width: FINDINGS_WIDTH, but not more than a quarter of a small window.
            width = min(FINDINGS_WIDTH, max(180, self.width() // 4))
            self.resizeDocks([self.findings], [width], Qt.Orientation.Horizontal)
        super().showEvent(event)

    def _restore_geometry(self) -> None:
        saved = self.settings.get("window_geometry")
        state = self.settings.get("window_state")
        if isinstance(saved, str):
            try:
                if self.restoreGeometry(base64.b64decode(saved)):
                    # A state of another layout version (the findings once sat below) is dropped.
                    self._findings_sized = isinstance(state, str) and self.restoreState(
                        base64.b64decode(state), LAYOUT_VERSION)
                    return
            except ValueError:
                pass
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(1366, screen.width()), min(768, screen.height()))
        else:
            self.resize(1366, 768)
        self._findings_sized = False  # sized on first show, at the window's real width

    def closeEvent(self, event) -> None:
        if not self.files.confirm_discard():
            event.ignore()
            return
        if getattr(self, "summary_window", None) is not None:
            self.summary_window.close()  # stops its reading before the window goes
        saved = {"window_geometry": base64.b64encode(bytes(self.saveGeometry())).decode("ascii"),
                 "window_state": base64.b64encode(bytes(self.saveState(LAYOUT_VERSION))).decode("ascii")}
        if any(self.settings.get(k) != v for k, v in saved.items()):
            self.settings.data.update(saved)
            self.settings.save()  # one write for both, and none when the window was not moved
        self.files.close_clean()
        event.accept()

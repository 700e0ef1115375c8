"""汇总与审核: the supervising office's window.

Choose the folder (or files) of the units' reports, optionally the 名单 and last year's reports;
开始审核 reads them off the GUI thread (progress bar, 取消); the review table shows one row per
unit, sortable and filterable; a double-click opens the unit's report read-only with its
findings; 导出审核情况表 writes the XLSX for the returns; 生成汇总报告 adds the ticked units up
and opens the sum in the main window as a new, unsaved report.

The window never writes into the folders it reads: the review table is saved elsewhere (it
refuses a path inside them), and the sum is saved by the office like any report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QGridLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMainWindow,
                               QProgressBar, QPushButton, QSpinBox, QTableView, QVBoxLayout, QWidget)

from gui import message_box
from gui.review_model import (COL_FILE, COL_KIND, COL_LISTED, COL_UNIT, FILTERS, ROW_ROLE,
                              ReviewFilterProxy, ReviewTableModel)
from gui.screen_fit import fit_to_screen
from gui.summary_worker import SummaryWorker
from model import terms
from model.draft_io import EXTENSION, YEAR_RANGE
from model.errors import ReportError
from model.report import Report
from model.review_table import ReviewRow, nested_text
from model.settings import Settings
from model.summary import SummaryError, sum_review
from model.summary_job import SummaryInputs, SummaryRun
from model.unit_list import SUFFIXES as LIST_SUFFIXES
from model.unit_reading import IMPORT_KINDS, KIND_NAMES

REPORT_FILTER = "各单位报告 (" + " ".join(f"*{s}" for s in KIND_NAMES) + ");;所有文件 (*)"
LIST_FILTER = "单位名单 (" + " ".join(f"*{s}" for s in LIST_SUFFIXES) + ")"
LAST_FILTER = ("上年汇总报告 (" + " ".join(f"*{s}" for s in (EXTENSION, *IMPORT_KINDS)) + ");;所有文件 (*)")
AUTO_YEAR = YEAR_RANGE[0] - 1  # the spin box's 「自动」

OpenReport = Callable[[Report, str], bool]  # opens a report as a new unsaved one; False if declined


def _path_line(name: str, placeholder: str) -> QLineEdit:
    line = QLineEdit()
    line.setObjectName(name)
    line.setReadOnly(True)
    line.setPlaceholderText(placeholder)
    line.setAccessibleName(placeholder)
    return line


def _input_row(grid: QGridLayout, row: int, label: str, line: QLineEdit, buttons) -> list[QPushButton]:
    """One input of the window: its label, the chosen path, and its buttons (text, slot, tooltip)."""
    grid.addWidget(QLabel(label), row, 0)
    grid.addWidget(line, row, 1)
    made = []
    for col, (text, slot, tip) in enumerate(buttons, start=2):
        button = QPushButton(text)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(slot)
        grid.addWidget(button, row, col)
        made.append(button)
    return made


class SummaryWindow(QMainWindow):
    def __init__(self, open_report: OpenReport | None = None, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("summary_window")
        self.setWindowTitle("汇总与审核 — 年报助手")
        self.open_report = open_report
        self.settings = settings or Settings()
        self.sources: list[Path] = []
        self.unit_list_path: Path | None = None
        self.last_path: Path | None = None
        self.run: SummaryRun | None = None
        self.worker = SummaryWorker(self)
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self._viewers: list[QMainWindow] = []

        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.setSpacing(6)
        lay.addWidget(self._build_inputs())
        lay.addLayout(self._build_run_bar())
        lay.addLayout(self._build_filter_bar())
        lay.addWidget(self._build_table(), 1)
        lay.addLayout(self._build_bottom_bar())
        self.setCentralWidget(body)
        self.status.setText("选择各单位报告所在的文件夹（可加名单），然后点“开始审核”。")
        self._refresh_buttons()
        fit_to_screen(self, 1280, 720)

    # -- building ------------------------------------------------------------------------------
    def _build_inputs(self) -> QGroupBox:
        box = QGroupBox("报送材料")
        grid = QGridLayout(box)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setVerticalSpacing(4)
        self.sources_line = _path_line("sources", "尚未选择：请选择各单位报告所在的文件夹，或直接选择报告文件")
        pick_folder, _ = _input_row(grid, 0, "各单位报告：", self.sources_line,
                                    [("选择文件夹…", self.choose_folder, ""), ("选择文件…", self.choose_files, "")])
        pick_folder.setObjectName("pick_folder")
        self.list_line = _path_line("unit_list", "可选：应报送单位名单（.xlsx、.csv 或 .txt），用来找出未报送的单位")
        _input_row(grid, 1, "单位名单：", self.list_line,
                   [("选择名单…", self.choose_unit_list, ""), ("不用名单", lambda: self.set_unit_list(None), "")])
        self.last_line = _path_line("last", "可选：上年的各单位报告文件夹（核对各单位上年结转），或上年的汇总报告")
        _input_row(grid, 2, "上年报告：", self.last_line,
                   [("上年文件夹…", self.choose_last_folder, ""), ("上年汇总报告…", self.choose_last_report, ""),
                    ("不用", lambda: self.set_last(None), "不核对上年数据")])
        grid.setColumnStretch(1, 1)
        return box

    def _build_run_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel("汇总年度："))
        self.year = QSpinBox()
        self.year.setObjectName("summary_year")
        self.year.setAccessibleName("汇总年度")
        self.year.setRange(AUTO_YEAR, YEAR_RANGE[1])
        self.year.setSpecialValueText("自动（按多数报告）")
        self.year.setSuffix(" 年度")
        self.year.setValue(AUTO_YEAR)
        self.year.setMinimumWidth(150)
        bar.addWidget(self.year)
        self.start_button = QPushButton("开始审核")
        self.start_button.setObjectName("start_review")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        bar.addWidget(self.start_button)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setAccessibleName("读取进度")
        self.progress.setFormat("已读取 %v / %m 个文件")
        self.progress.setTextVisible(True)
        self.progress.hide()
        bar.addWidget(self.progress, 1)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setObjectName("cancel_review")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        bar.addWidget(self.cancel_button)
        self.status = QLabel()
        self.status.setObjectName("review_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.status, 1)
        return bar

    def _build_filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel("显示："))
        self.filter = QComboBox()
        self.filter.setObjectName("status_filter")
        self.filter.setAccessibleName("按状态筛选")
        for label, _statuses in FILTERS:
            self.filter.addItem(label)
        self.filter.currentIndexChanged.connect(lambda i: self.proxy.set_statuses(FILTERS[i][1]))
        bar.addWidget(self.filter)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("搜索单位或文件名")
        self.search.setAccessibleName("搜索单位或文件名")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self.proxy.set_search(t))
        bar.addWidget(self.search, 1)
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.counts, 2)
        self.skipped_button = QPushButton()
        self.skipped_button.setObjectName("skipped")
        self.skipped_button.setFlat(True)
        self.skipped_button.clicked.connect(self.show_skipped)
        self.skipped_button.hide()
        bar.addWidget(self.skipped_button)
        return bar

    def _build_table(self) -> QTableView:
        self.model = ReviewTableModel(self)
        self.model.chosenChanged.connect(self._refresh_buttons)
        self.proxy = ReviewFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("review_table")
        self.table.setAccessibleName("审核情况表")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the folder's order until asked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((0, 72), (COL_UNIT, 220), (COL_LISTED, 150), (3, 70), (4, 48), (5, 48), (6, 56),
                           (7, 110), (COL_FILE, 170), (COL_KIND, 50)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(self.open_row)
        self.table.activated.connect(self.open_row)
        return self.table

    def _build_bottom_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.all_button = QPushButton("全选")
        self.all_button.setToolTip("勾选全部可汇总的单位")
        self.all_button.clicked.connect(lambda: self.model.set_all_chosen(True))
        self.none_button = QPushButton("全不选")
        self.none_button.clicked.connect(lambda: self.model.set_all_chosen(False))
        bar.addWidget(self.all_button)
        bar.addWidget(self.none_button)
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosen_count")
        bar.addWidget(self.chosen_label)
        bar.addStretch(1)
        self.export_button = QPushButton("导出审核情况表…")
        self.export_button.setObjectName("export_review")
        self.export_button.clicked.connect(self.export_review)
        bar.addWidget(self.export_button)
        bar.addSpacing(16)
        bar.addWidget(QLabel(f"汇总报告{terms.AGENCY}："))
        self.agency = QLineEdit()
        self.agency.setObjectName("summary_agency")
        self.agency.setAccessibleName(f"汇总报告的{terms.AGENCY}")
        self.agency.setPlaceholderText("如：××市××区人民政府")
        last_agency = self.settings.get("summary_agency") or self.settings.get("last_agency") or ""
        self.agency.setText(last_agency if isinstance(last_agency, str) else "")
        self.agency.setMinimumWidth(220)
        bar.addWidget(self.agency)
        self.sum_button = QPushButton("生成汇总报告")
        self.sum_button.setObjectName("make_sum")
        self.sum_button.setToolTip("把勾选的单位的表格数据相加，在主窗口中打开为一份新的（未保存的）报告")
        self.sum_button.clicked.connect(self.make_sum)
        bar.addWidget(self.sum_button)
        return bar

    # -- choosing --------------------------------------------------------------------------------
    def _start_dir(self, key: str) -> str:
        remembered = self.settings.get(key, "")
        return remembered if isinstance(remembered, str) and remembered and Path(remembered).is_dir() else ""

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "选择各单位报告所在的文件夹", self._start_dir("summary_dir"))
        if name:
            self.set_sources([Path(name)])
            self.settings.set("summary_dir", str(Path(name).parent))

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "选择各单位的报告文件", self._start_dir("summary_dir"),
                                                REPORT_FILTER)
        if names:
            self.set_sources([Path(n) for n in names])

    def choose_unit_list(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择应报送单位名单", self._start_dir("summary_dir"), LIST_FILTER)
        if name:
            self.set_unit_list(Path(name))

    def choose_last_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "选择上年的各单位报告文件夹", self._start_dir("summary_dir"))
        if name:
            self.set_last(Path(name))

    def choose_last_report(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择上年的汇总报告", self._start_dir("summary_dir"), LAST_FILTER)
        if name:
            self.set_last(Path(name))

    def set_sources(self, paths: list[Path]) -> None:
        self.sources = list(paths)
        if len(paths) == 1:
            self.sources_line.setText(str(paths[0]))
        else:
            self.sources_line.setText(f"{len(paths)} 个文件（{paths[0].parent}）" if paths else "")
        self._refresh_buttons()

    def set_unit_list(self, path: Path | None) -> None:
        self.unit_list_path = path
        self.list_line.setText(str(path) if path else "")

    def set_last(self, path: Path | None) -> None:
        self.last_path = path
        self.last_line.setText(str(path) if path else "")

    # -- running ---------------------------------------------------------------------------------
    def inputs(self) -> SummaryInputs:
        year = self.year.value()
        return SummaryInputs(list(self.sources), self.unit_list_path, None if year == AUTO_YEAR else year,
                             self.last_path)

    def start(self) -> None:
        if not self.sources or self.worker.is_running():
            return
        self.progress.setRange(0, 0)  # busy until the first file is counted
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.status.setText("正在查找并读取报告……")
        self.worker.start(self.inputs())
        self._refresh_buttons()

    def cancel(self) -> None:
        self.worker.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText("正在取消……")

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress.maximum() != total:
            self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _end_run(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self._refresh_buttons()

    def _on_failed(self, message: str) -> None:
        self._end_run()
        self.status.setText("审核未完成。")
        message_box.warning(self, "汇总与审核", message)

    def _on_finished(self, run: SummaryRun) -> None:
        self._end_run()
        if run.cancelled:
            self.status.setText("已取消，未生成审核结果。")
            return
        self.run = run
        self.model.set_review(run.review)
        review = run.review
        self.status.setText((f"{review.year}年度；" if review.year else "") + f"读取 {len(run.scan.files)} 个文件"
                            + (f"（使用 {run.workers} 个进程）" if run.workers > 1 else "") + "。")
        self.counts.setText(review.count_text())
        if review.skipped or review.notes:
            self.skipped_button.setText(f"未读取的文件 {len(review.skipped)} 个…" if review.skipped
                                        else "名单说明…")
            self.skipped_button.show()
        else:
            self.skipped_button.hide()
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        running = self.worker.is_running()
        self.start_button.setEnabled(bool(self.sources) and not running)
        self.start_button.setText("重新审核" if self.run is not None else "开始审核")
        has_review = self.run is not None and self.run.review is not None and not running
        chosen = len(self.run.review.chosen()) if has_review else 0
        self.export_button.setEnabled(has_review)
        self.sum_button.setEnabled(has_review and chosen > 0)
        self.all_button.setEnabled(has_review)
        self.none_button.setEnabled(has_review)
        self.chosen_label.setText(f"已勾选 {chosen} 个单位计入汇总" if has_review else "")

    # -- rows ------------------------------------------------------------------------------------
    def row_at(self, index) -> ReviewRow | None:
        return self.proxy.data(index, ROW_ROLE) if index.isValid() else None

    def open_row(self, index) -> None:
        row = self.row_at(index)
        if row is None:
            return
        if row.report is None:
            why = row.problem_text() or "没有可查看的报告。"
            message_box.information(self, row.unit, f"{row.unit}（{row.status}）\n\n{why}")
            return
        from gui.unit_report_view import UnitReportWindow

        viewer = UnitReportWindow(row, self)
        viewer.setWindowFlag(Qt.WindowType.Window, True)
        viewer.destroyed.connect(lambda _=None, v=viewer: self._viewers.remove(v) if v in self._viewers else None)
        self._viewers.append(viewer)
        viewer.show()

    def show_skipped(self) -> None:
        review = self.run.review if self.run else None
        if review is None:
            return
        lines = [f"{s.name}：{s.reason}" for s in review.skipped] + review.notes
        message_box.information(self, "未读取的文件",
                                f"文件夹中有 {len(review.skipped)} 个文件不是年度报告或无法查看，未读取。"
                                if review.skipped else "名单说明", details="\n".join(lines))

    # -- outputs ---------------------------------------------------------------------------------
    def _inside_sources(self, path: Path) -> Path | None:
        """The folder or file read that `path` would write into or over (the 名单 too), or None."""
        for src in self.sources + [p for p in (self.last_path, self.unit_list_path) if p]:
            folder = src if src.is_dir() else None
            try:
                if folder is not None and path.resolve().is_relative_to(folder.resolve()):
                    return folder
                if folder is None and path.resolve() == src.resolve():
                    return src
            except OSError:
                continue
        return None

    def export_review(self) -> bool:
        if self.run is None or self.run.review is None:
            return False
        start = self._start_dir("summary_export_dir") or self._start_dir("summary_dir")
        default = str(Path(start) / "审核情况表.xlsx") if start else "审核情况表.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, "导出审核情况表", default, "Excel 工作簿 (*.xlsx)")
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        inside = self._inside_sources(path)
        if inside is not None:
            where = (f"会放进报送文件夹“{inside}”。汇总从不改动报送的文件夹" if inside.is_dir()
                     else f"就是要读取的“{inside.name}”。汇总从不改动它读取的文件")
            message_box.warning(self, "导出审核情况表", f"“{path.name}”{where}，请换一个位置保存。")
            return False
        try:
            from export.review_xlsx import write_review_xlsx

            write_review_xlsx(self.run.review, path)
        except ReportError as exc:
            message_box.warning(self, "导出审核情况表失败", str(exc))
            return False
        self.settings.set("summary_export_dir", str(path.parent))
        self.status.setText(f"已导出审核情况表：{path}")
        return True

    def make_sum(self) -> bool:
        if self.run is None or self.run.review is None:
            return False
        agency = self.agency.text().strip()
        try:
            result = sum_review(self.run.review, agency=agency, last_region=self.run.last_region,
                                last_source=self.run.last_source)
        except SummaryError as exc:
            message_box.warning(self, "生成汇总报告", str(exc))
            return False
        if agency and self.settings.get("summary_agency") != agency:
            self.settings.set("summary_agency", agency)
        n = len(result.report.summary.units)
        lines = [f"已把 {n} 个单位的报告{nested_text(result.report.summary)}汇总为{result.report.year}年度报告。", "各部分正文为空，请撰写后保存。"]
        lines += result.notes
        if result.not_summed:
            lines.append(f"有 {len(result.not_summed)} 项数值未能计入（见详细信息）。")
        message = "\n".join(lines)
        if self.open_report is not None and not self.open_report(result.report, f"已生成 {n} 个单位的汇总报告，请撰写正文后保存。"):
            return False
        self.last_sum = result
        message_box.information(self, "生成汇总报告", message, details="\n".join(result.not_summed))
        self.status.setText(f"已生成汇总报告（{n} 个单位），已在主窗口中打开，尚未保存。")
        return True

    # -- closing ---------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Cancel) and self.worker.is_running():
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self.worker.wait()
        for viewer in list(self._viewers):
            viewer.close()
        super().closeEvent(event)

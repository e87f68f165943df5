"""The hook the Excel plugin declares for other plugins to implement.

The Excel plugin adds it to omstilling's hooks when it is loaded (through
omstilling's ``hookspecs`` hook), as a pytest plugin adds hooks, and calls it on every
workbook it exports. Implement it like any omstilling hook; mark the implementation
``optionalhook=True`` if your plugin is also of use without the Excel plugin::

    from omstilling.hookspecs import hookimpl

    @hookimpl(optionalhook=True)
    def customise_xlsx(workbook, report):
        workbook.properties.creator = "Rollag kommune"

Without ``optionalhook=True``, your plugin fails to load where the Excel plugin is not
installed, with "unknown hook 'customise_xlsx'".

.. versionadded:: 0.1
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from omstilling.hookspecs import hookspec
from omstilling.report import Report

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["ExcelSpecs"]


class ExcelSpecs:
    """The Excel plugin's hooks.

    .. versionadded:: 0.1
    """

    @hookspec
    def customise_xlsx(self, workbook: Workbook, report: Report) -> None:
        """Customise an Excel workbook in place just before it is saved.

        :param workbook: the openpyxl ``Workbook`` being exported. Without a base
            workbook it is *write-only* (``workbook.write_only`` is true): set
            workbook properties, add sheets, give the existing sheets print
            settings, headers and footers, conditional formatting or data
            validation, but do not read or change the cells already written. With a
            base it is an ordinary ``Workbook``, open to any change.
        :param report: the report it renders.
        :returns: nothing; change ``workbook`` in place.

        Not ``firstresult``: every plugin's customisation is applied, one at a time in
        pluggy's call order. An exception in one fails the export with a message
        naming the plugin it came from.

        Example::

            @hookimpl(optionalhook=True)
            def customise_xlsx(workbook, report):
                workbook.properties.creator = "Rollag kommune"

        .. versionadded:: 0.1
        """
        raise NotImplementedError

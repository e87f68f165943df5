"""The hook the Word plugin declares for other plugins to implement.

The Word plugin adds it to omstilling's hooks when it is loaded (through omstilling's
``hookspecs`` hook), as a pytest plugin adds hooks, and calls it on every document it
exports. Implement it like any omstilling hook; mark the implementation
``optionalhook=True`` if your plugin is also of use without the Word plugin::

    from omstilling.hookspecs import hookimpl

    @hookimpl(optionalhook=True)
    def customise_docx(document, report):
        document.sections[0].header.paragraphs[0].text = "Flesberg kommune"

Without ``optionalhook=True``, your plugin fails to load where the Word plugin is not
installed, with "unknown hook 'customise_docx'".

.. versionadded:: 0.1
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from omstilling.hookspecs import hookspec
from omstilling.report import Report

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["WordSpecs"]


class WordSpecs:
    """The Word plugin's hooks.

    .. versionadded:: 0.1
    """

    @hookspec
    def customise_docx(self, document: Document, report: Report) -> None:
        """Customise a Word document in place just before it is saved: a logo in the
        header, the municipality's styles, a closing paragraph.

        :param document: the python-docx ``Document`` being exported, with the report
            written into it (after the base document's content, where there is one)
            and page numbers in its footers.
        :param report: the report it renders.
        :returns: nothing; change ``document`` in place.

        Not ``firstresult``: every plugin's customisation is applied, one at a time in
        pluggy's call order. An exception in one fails the export with a message
        naming the plugin it came from.

        Example::

            @hookimpl(optionalhook=True)
            def customise_docx(document, report):
                if report.schema.id == "status":
                    document.add_paragraph("Flesberg kommune, rådmannen")

        .. versionadded:: 0.1
        """
        raise NotImplementedError

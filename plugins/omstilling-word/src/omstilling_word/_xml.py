"""What the modules that write WordprocessingML by hand share: Clark names of the
attributes they set, and the units and limits of the format.

Imported only when a report is exported (python-docx is heavy).
"""

from __future__ import annotations

from docx.oxml.ns import qn

__all__ = ["CORE_PROPERTY_LIMIT", "EMU_PER_TWIP", "W_COLOR", "W_FILL", "W_VAL", "XML_SPACE"]

EMU_PER_TWIP = 635
CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer core property values

# Clark names of the attributes written by hand, computed once.
W_VAL = qn("w:val")
W_FILL = qn("w:fill")
W_COLOR = qn("w:color")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

"""Performance scripts. Each prints our time next to a raw baseline measured in the
same run, and the ratio between them; none of them passes or fails."""

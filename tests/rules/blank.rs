//! Blank is never 0: rules that read cells say nothing where a side is all blank, and a total
//! left blank beside figures is named as blank, with the sum of what the table does say.

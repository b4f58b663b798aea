"""Pure market rules and calculations: no Qt, no SQL. Frames in, frames or frozen dataclasses out."""

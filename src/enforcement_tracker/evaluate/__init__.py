"""Evaluation against gold annotations (corpus ANNOTATION.md): read gold, match, score, report."""

from enforcement_tracker.evaluate.gold import GoldText, read_gold
from enforcement_tracker.evaluate.match import Matching, match_records, matches
from enforcement_tracker.evaluate.run import Evaluation, evaluate, evaluate_files
from enforcement_tracker.evaluate.score import Scores, Tally, TextResult, score

__all__ = ["Evaluation", "GoldText", "Matching", "Scores", "Tally", "TextResult", "evaluate",
           "evaluate_files", "match_records", "matches", "read_gold", "score"]

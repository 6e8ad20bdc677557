"""RunMemo: values made once and reused from one build to the next (serve)."""

from aruntime.memo import RunMemo


def test_a_value_is_made_once_while_its_key_recurs_and_dropped_after_a_run_without_it():
    memo, made = RunMemo(), []

    def make(key):
        return lambda: made.append(key) or frozenset()  # an empty (falsy) value is kept too

    for key in ("a", "b", "a"):
        memo.get(key, make(key))
    memo.next_run()
    memo.get("a", make("a"))  # reused from the last run
    memo.next_run()  # "b" was not used in that run: gone
    memo.get("b", make("b"))
    memo.get("a", make("a"))
    assert made == ["a", "b", "b"]

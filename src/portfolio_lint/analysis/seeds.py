"""Randomness, training and seeding in one module or notebook: what the seeds rule judges."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from portfolio_lint.core.file_facts import SeedFacts

# Libraries whose training starts from random weights: training with them needs a seed.
DEEP_LEARNING = frozenset(
    {"torch", "tensorflow", "keras", "jax", "flax", "lightning", "pytorch_lightning", "tf_keras"}
)
# scikit-learn (and friends) whose result depends on `random_state` when none is given;
# xgboost, LightGBM and CatBoost default to a fixed seed and are not listed.
STOCHASTIC = re.compile(
    r"^(?:\w*(?:RandomForest|ExtraTrees|GradientBoosting|DecisionTree|Bagging|AdaBoost|MLP"
    r"|SGD|KMeans|IsolationForest|RandomizedSearch|ShuffleSplit)\w*|TSNE|UMAP|SMOTE\w*"
    r"|train_test_split|resample)$"
)
SHUFFLED_SPLITS = frozenset({"KFold", "StratifiedKFold", "GroupKFold", "RepeatedKFold"})
GLOBAL_RANDOM = frozenset(
    {"rand", "randn", "randint", "random", "choice", "choices", "shuffle", "permutation",
     "normal", "uniform", "sample", "binomial", "poisson", "random_sample", "gauss"}
)  # fmt: skip
SEED_KEYWORDS = frozenset({"random_state", "seed", "random_seed", "generator"})
# Splits and samples drawn from a DataFrame or a dataset: random unless given a seed
# (`df.sample(frac=0.2, random_state=1)`, `random_split(ds, [0.8, 0.2], generator=g)`).
SAMPLING_KEYWORDS = frozenset({"frac"})  # `df.sample(n=5)` shows rows; frac= draws a share
RANDOM_SPLITS = frozenset({"random_split"})
READS_SEED = frozenset({"initial_seed", "seed_worker"})  # read or use a seed, set none
SEEDED_GENERATORS = frozenset({"default_rng", "RandomState", "Random", "PRNGKey", "key"})
# Hugging Face's trainers seed every run with `TrainingArguments.seed` (42 unless changed).
SEEDING_TRAINERS = re.compile(r"^\w*(?:TrainingArguments|SFTConfig|DPOConfig|GRPOConfig)$")
TRAINING_METHODS = frozenset({"fit", "fit_generator", "partial_fit", "fit_predict"})
# Libraries whose `.fit` trains a network; PyTorch trains where an optimizer steps
# (a bare `.backward()` may be a saliency map).
FIT_TRAINS_NETWORK = frozenset(
    {"tensorflow", "keras", "tf_keras", "lightning", "pytorch_lightning"}
)
OPTIMIZER = re.compile(r"optim|^opt\b|^opt_|scaler", re.I)
PREPROCESSOR = re.compile(
    r"(scaler|encoder|vectori[sz]er|imputer|tokenizer|pca|tfidf|^le$|^ohe$|^cv$|transformer)", re.I
)


INTERESTING_NAMES = (
    TRAINING_METHODS
    | SEEDED_GENERATORS
    | GLOBAL_RANDOM
    | SHUFFLED_SPLITS
    | RANDOM_SPLITS
    | {"step", "train", "train_on_batch"}
)

# A code cell is parsed only when it calls a name the visitor classifies or imports a
# deep-learning library (most cells show a frame or plot it).
CELL_CALL = re.compile(r"\b(\w+)\b\s*\(")
DEEP_LEARNING_IMPORT = re.compile(
    r"\b(?:import|from)[ \t]+(?:" + "|".join(sorted(DEEP_LEARNING)) + r")\b"
)


def _worth_parsing(cell: str) -> bool:
    return bool(DEEP_LEARNING_IMPORT.search(cell)) or any(
        _interesting(match.group(1)) for match in CELL_CALL.finditer(cell)
    )


class _Visitor:
    """The calls that matter in a tree, found without walking the parts that hold none."""

    def __init__(self) -> None:
        self.deep_learning: str | None = None
        self.training: int | None = None
        self.random: tuple[int, str] | None = None
        self.seed: int | None = None
        self.local_seeds = 0
        self.network_training: int | None = None
        self.fit_line: int | None = None

    def reset(self) -> None:
        """Forget the lines of the previous tree (a notebook visits one cell at a time)."""
        self.training = self.seed = self.network_training = self.fit_line = None
        self.random = None

    def lines(self) -> dict[str, int | None]:
        """This tree's first lines of each kind."""
        random = self.random[0] if self.random else None
        return {
            "training": self.training,
            "random": random,
            "seed": self.seed,
            "network": self.network_training,
            "fit": self.fit_line,
        }

    def visit(self, calls: Iterable[ast.Call], imports: Iterable[str]) -> None:
        """Classify `calls`; note a deep-learning library among the imported top-level names."""
        if self.deep_learning is None:
            # sorted: `imports` may be a set, whose order changes with the hash seed
            found = sorted(name for name in imports if name in DEEP_LEARNING)
            self.deep_learning = found[0] if found else None
        for call in calls:
            self._call(call)

    def _call(self, node: ast.Call) -> None:
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if not _interesting(called):
            return  # most calls (`print`, `df.head`) are none of ours: skip them cheaply
        name, owner = _names(func)
        line = node.lineno
        if _is_seed(node, name):
            self.seed = _first(self.seed, line)
        elif _is_random(node, name, owner):
            if self.random is None or line < self.random[0]:
                self.random = (line, f"{owner}.{name}" if owner else name)
        elif _seeded_here(node, name, owner):
            self.local_seeds += 1
        if _is_training(name, owner):
            self.training = _first(self.training, line)
        if (name == "step" and OPTIMIZER.search(owner.split(".")[-1])) or name == "train_on_batch":
            self.training = _first(self.training, line)
            self.network_training = _first(self.network_training, line)
        elif name == "fit":
            self.fit_line = _first(self.fit_line, line)


@lru_cache(maxsize=4096)
def _interesting(name: str) -> bool:
    return (
        name in INTERESTING_NAMES
        or "seed" in name.lower()
        or bool(STOCHASTIC.match(name))
        or bool(SEEDING_TRAINERS.match(name))
    )


def _names(func: ast.expr) -> tuple[str, str]:
    """The called name and the name it hangs off: `np.random.seed` → ("seed", "np.random")."""
    if isinstance(func, ast.Attribute):
        return func.attr, _dotted(func.value)
    return (func.id, "") if isinstance(func, ast.Name) else ("", "")


def _dotted(node: ast.expr) -> str:
    """`np.random` for a name chain, `self.optimizer` too; `?` where a call or index sits."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    parts.append(node.id if isinstance(node, ast.Name) else "?")
    return ".".join(reversed(parts))


def _value_is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _has_argument(node: ast.Call) -> bool:
    values = [*node.args, *(k.value for k in node.keywords if k.arg in (None, *SEED_KEYWORDS))]
    return any(not _value_is_none(v) for v in values)


def _is_seed(node: ast.Call, name: str) -> bool:
    lowered = name.lower()
    if lowered in READS_SEED or lowered.startswith("get_"):
        return False
    if lowered == "seed" or name in SEEDED_GENERATORS:
        return _has_argument(node)  # `random.seed()` and `default_rng()` seed from the clock
    return "seed" in lowered or bool(SEEDING_TRAINERS.match(name))


def _stochastic(node: ast.Call, name: str, owner: str = "") -> bool:
    """A call whose result depends on a seed it may be given: an estimator, a split, a sample."""
    if STOCHASTIC.match(name) or name in RANDOM_SPLITS:
        return True
    if name in SHUFFLED_SPLITS:
        return _shuffles(node)
    if owner.split(".")[-1] == "random":
        return False  # `random.sample`, `np.random.shuffle`: global draws (GLOBAL_RANDOM)
    if name == "sample":  # `df.sample(frac=0.2)`; `random.sample(xs, 3)` is a global draw
        return any(k.arg in SAMPLING_KEYWORDS for k in node.keywords)
    return name == "shuffle" and not owner  # scikit-learn's `shuffle(X, y)`


def _has_seed_keyword(node: ast.Call) -> bool:
    """`random_state=42`, or `**params` that may carry it (read from a config)."""
    return any(
        k.arg is None or (k.arg in SEED_KEYWORDS and not _value_is_none(k.value))
        for k in node.keywords
    )


def _seeded_here(node: ast.Call, name: str, owner: str) -> bool:
    """`RandomForestClassifier(random_state=42)`: seeded where it is made, not globally."""
    return _stochastic(node, name, owner) and _has_seed_keyword(node)


def _is_random(node: ast.Call, name: str, owner: str) -> bool:
    if _stochastic(node, name, owner):
        return not _has_seed_keyword(node)
    if name in SEEDED_GENERATORS and name != "key":
        return not _has_argument(node)  # `np.random.default_rng()` seeds from the clock
    return name in GLOBAL_RANDOM and owner.split(".")[-1] == "random"


def _shuffles(node: ast.Call) -> bool:
    return any(
        k.arg == "shuffle" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in node.keywords
    )


def _is_training(name: str, owner: str) -> bool:
    if name in TRAINING_METHODS:
        return not PREPROCESSOR.search(owner.split(".")[-1] or "-")
    return name == "train" and bool(owner)  # `trainer.train()`, `xgb.train(...)`, `model.train()`


def _first(current: int | None, line: int) -> int:
    return line if current is None else min(current, line)


# A module's calls and imported top-level names, and its line → the file's raw line
Unit = tuple[Iterable[ast.Call], Iterable[str], Callable[[int], int]]


def seed_facts(units: Iterable[Unit]) -> SeedFacts | None:
    """Facts of one file: its module, or each notebook code cell with its line mapping."""
    visitor = _Visitor()
    found: dict[str, int] = {}  # first raw line of: training, random, seed, network, fit
    what = ""
    for calls, imports, raw_line in units:
        visitor.reset()
        visitor.visit(calls, imports)  # deep_learning and local_seeds carry over cell to cell
        for key, line in visitor.lines().items():
            if line is not None and key not in found:
                found[key] = raw_line(line)
                what = visitor.random[1] if key == "random" and visitor.random else what
    network = _network_training(visitor.deep_learning, found)
    # A network's random initial weights are the evidence to show, rather than a global draw
    # (`np.random.randint` picking an image to plot) that may not touch the result.
    if network is not None and ("random" not in found or what.split(".")[-2:-1] == ["random"]):
        found["random"] = network
        what = f"{visitor.deep_learning} (random initial weights)"
    if not found.keys() & {"training", "random", "seed"} and not visitor.local_seeds:
        return None
    return SeedFacts(
        found.get("training"), found.get("random"), what, found.get("seed"), visitor.local_seeds
    )


def _network_training(library: str | None, found: dict[str, int]) -> int | None:
    """Where a neural network trains: an optimizer step, or `.fit` with Keras or Lightning."""
    if library is None:
        return None
    if library in FIT_TRAINS_NETWORK and "fit" in found:
        return found["fit"]
    return found.get("network")


def module_seed_facts(calls: Iterable[ast.Call], imports: Iterable[str]) -> SeedFacts | None:
    """Facts of a `.py` module from the calls and imports its one metrics walk collected."""
    return seed_facts([(calls, imports, lambda line: line)])


def notebook_seed_facts(cells: Iterable[tuple[str, Callable[[int], int]]]) -> SeedFacts | None:
    """Facts of a notebook from its code cells' text and line mappings, in cell order; a cell
    that calls nothing the visitor classifies is not parsed."""
    units: list[Unit] = []
    for text, raw_line in cells:
        if _worth_parsing(text) and (tree := cell_tree(text)) is not None:
            calls, imports = _calls_and_imports(tree)
            units.append((calls, imports, raw_line))
    return seed_facts(units)


def _calls_and_imports(tree: ast.AST) -> tuple[list[ast.Call], list[str]]:
    calls: list[ast.Call] = []
    imports: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            calls.append(node)
        elif isinstance(node, ast.Import):
            imports.extend(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imports.append(node.module.split(".")[0])
    return calls, imports


MAGIC = re.compile(r"^([ \t]*)[!%].*$", re.M)


def cell_tree(source: str) -> ast.AST | None:
    """A code cell parsed with its `!pip` / `%magic` lines blanked; None when it does not parse."""
    try:
        return ast.parse(MAGIC.sub(r"\1pass", source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None

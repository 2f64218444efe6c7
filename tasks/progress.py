"""A progress artifact for long runs (plain calls: they are made between tasks)."""

from prefect.artifacts import create_progress_artifact, update_progress_artifact

from broadsheet.progress import Every


class ProgressArtifact:
    """The `run-progress` artifact, updated at most every `every` seconds and when done: an
    update per batch was an API write per 200 documents, on the cores the workers need."""

    def __init__(self, description: str, every: float = 5.0):
        self.artifact_id = create_progress_artifact(progress=0.0, key="run-progress", description=description)
        self.update_due = Every(every)

    def report(self, done: int, total: int) -> None:
        if done < total and not self.update_due.due():
            return
        update_progress_artifact(artifact_id=self.artifact_id, progress=100.0 * done / max(total, 1))

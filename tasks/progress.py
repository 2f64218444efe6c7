"""A progress artifact for long runs (plain functions: they are called between tasks)."""

from uuid import UUID

from prefect.artifacts import create_progress_artifact, update_progress_artifact


def start_progress(description: str) -> UUID:
    return create_progress_artifact(progress=0.0, key="run-progress", description=description)


def report_progress(artifact_id: UUID, done: int, total: int) -> None:
    update_progress_artifact(artifact_id=artifact_id, progress=100.0 * done / max(total, 1))

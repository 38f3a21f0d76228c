"""The HTTP API (FastAPI): exposed pipelines listed, described, run (waiting, streamed or in the background
with a webhook), their runs and outputs, and the chat engine's answers. ``create_app`` builds it;
``python -m etl_core api`` serves it with uvicorn. Nothing here is imported by the Streamlit pages."""

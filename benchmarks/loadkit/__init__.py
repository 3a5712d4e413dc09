"""The parts of the load benchmark (benchmarks/load.py): a simulated browser tab speaking Streamlit's
websocket protocol, simulated users, the servers under test and what is sampled from them, and the
statistics and report. Benchmark code only: nothing here is imported by the app or its tests'
assertions about data, and nothing here invents numbers a user could see.
"""

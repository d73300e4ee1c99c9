// A small icon per task type for DAG nodes and tables.
import {
  ApiOutlined,
  BranchesOutlined,
  CodeOutlined,
  DatabaseOutlined,
  ExperimentOutlined,
  ForkOutlined,
  LinkOutlined,
  NodeIndexOutlined,
  PartitionOutlined,
  PythonOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';

export function TaskTypeIcon({ type }: { type: string }) {
  switch (type) {
    case 'SHELL':
      return <CodeOutlined />;
    case 'PYTHON':
      return <PythonOutlined />;
    case 'SWITCH':
      return <BranchesOutlined />;
    case 'CONDITIONS':
      return <ForkOutlined />;
    case 'SUB_PROCESS':
      return <PartitionOutlined />;
    case 'DEPENDENT':
      return <LinkOutlined />;
    case 'HTTP':
      return <ApiOutlined />;
    case 'SQL':
    case 'PROCEDURE':
    case 'OPENMLDB':
      return <DatabaseOutlined />;
    case 'MLFLOW':
    case 'DVC':
    case 'PYTORCH':
      return <ExperimentOutlined />;
    case 'SPARK':
    case 'FLINK':
      return <ThunderboltOutlined />;
    default:
      return <NodeIndexOutlined />;
  }
}
